"""Read an admin page's form the way a browser submits it, so tests post what a curator would."""

from html.parser import HTMLParser

from django.contrib.auth.models import Group


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = []
        self._select = None
        self._select_options = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = (name, "multiple" in attrs)
            self._select_options = []
        elif tag == "option" and self._select:
            self._select_options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._select_options if selected]
            if not chosen and not multiple and self._select_options:
                chosen = [self._select_options[0][0]]
            self.data.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.data.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_data(response, model_name=None):
    """{name: value} of the admin form in `response`, as a browser would post it."""
    model_name = model_name or response.context["opts"].model_name
    reader = _FormReader(f"{model_name}_form")
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def errors_of(response):
    """Every error message the admin page shows: form, fields, inline rows and inline sets."""
    messages = []
    adminform = response.context["adminform"].form
    for field, errors in adminform.errors.items():
        messages += [(field, str(e)) for e in errors]
    for inline in response.context["inline_admin_formsets"]:
        messages += [("inline", str(e)) for e in inline.formset.non_form_errors()]
        for form in inline.formset.forms:
            for field, errors in form.errors.items():
                messages += [(f"{inline.formset.prefix}.{field}", str(e)) for e in errors]
    return messages


def user_in_group(group, username=None):
    """A staff user in one of the admin's roles (`curator` or `viewer`), as README creates one."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username or f"{group}-1", password=f"{group}-password-2024", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user
