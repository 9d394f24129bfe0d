"""Anyone reads; writing takes an authenticated staff user holding the model's permission."""

from rest_framework import permissions


class StaffModelPermissionsOrReadOnly(permissions.DjangoModelPermissions):
    """Safe methods for everyone; POST/PUT/PATCH/DELETE for staff with add/change/delete_<model>."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated and user.is_staff):
            return False
        return super().has_permission(request, view)
