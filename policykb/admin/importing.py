"""CSV import in the admin: upload, preview every row (with its errors), then confirm."""

from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV


class CsvImportMixin(ImportMixin):
    """Adds "Import" to a changelist, for users who may both add and change its records."""

    formats = [CSV]
    # Without the preview's confirmation nothing is saved; with it, the whole file or nothing.
    skip_import_confirm = False
    import_error_display = ("message", "row")

    def has_import_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and (
            request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )
