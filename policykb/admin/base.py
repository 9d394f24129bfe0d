"""What every admin of the knowledge base shares, so all of them work the same way.

- `KnowledgeAdmin`: history (simple-history, with revert), zh and en fields side by side,
  autocomplete for every link to another record.
- `CitationInline`: a figure's sources; a cited record cannot be saved without one.
- `SourcedRowInline`: an inline of cited records (an institute's member counts) whose new rows
  name their source on the row itself, since Django's inlines cannot nest the citations.
"""

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from policykb.models import Citation, Source
from policykb.services import citation_add


def side_by_side(names):
    """Fieldset rows: `x_zh` with `x_en`, and a date with its precision, on one row."""
    names = list(names)
    rows, placed = [], set()
    for name in names:
        if name in placed:
            continue
        partner = None
        if name.endswith("_zh") and name[:-3] + "_en" in names:
            partner = name[:-3] + "_en"
        elif f"{name}_precision" in names:
            partner = f"{name}_precision"
        if partner:
            rows.append((name, partner))
            placed.update((name, partner))
        else:
            rows.append(name)
            placed.add(name)
    return rows


class KnowledgeForm(forms.ModelForm):
    """The admin form of every record: errors `clean()` puts on fields this form leaves out
    (a narrow inline row) are shown on the form instead of failing."""

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            outside = [name for name in error.error_dict if name != NON_FIELD_ERRORS]
            outside = [name for name in outside if name not in self.fields]
            if outside:
                kept = {k: v for k, v in error.error_dict.items() if k not in outside}
                for name in outside:
                    label = self.instance._meta.get_field(name).verbose_name
                    for message in error.error_dict[name]:
                        for text in message.messages:
                            super().add_error(None, f"{label}: {text}")
                if not kept:
                    return
                error = ValidationError(kept)
        super().add_error(field, error)


class AutocompleteLinksMixin:
    """Autocomplete for every foreign key whose target has a searchable admin."""

    def get_autocomplete_fields(self, request):
        names = list(super().get_autocomplete_fields(request))
        for field in self.model._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one) or not field.editable:
                continue
            target_admin = self.admin_site._registry.get(field.related_model)
            if target_admin and target_admin.search_fields and field.name not in names:
                names.append(field.name)
        return names


class KnowledgeAdmin(AutocompleteLinksMixin, SimpleHistoryAdmin):
    form = KnowledgeForm
    list_per_page = 50
    history_list_per_page = 50

    def get_fieldsets(self, request, obj=None):
        if self.fieldsets:
            return self.fieldsets
        return [(None, {"fields": side_by_side(self.get_fields(request, obj))})]


class CitationFormSet(BaseGenericInlineFormSet):
    default_error_messages = {
        "too_few_forms": _(
            "A figure needs its source: cite at least one source and where in it "
            "(table, figure or section) it is stated."
        ),
    }


class CitationInline(AutocompleteLinksMixin, GenericTabularInline):
    """Every figure's sources, edited on the record that states the figure."""

    model = Citation
    formset = CitationFormSet
    form = KnowledgeForm
    extra = 0
    min_num = 1
    verbose_name = _("source citation")
    verbose_name_plural = _("source citations")

    def get_formset(self, request, obj=None, **kwargs):
        # min_num alone only shows an empty row; validate_min refuses a record left uncited.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class CitedAdmin(KnowledgeAdmin):
    """The admin of a record that states a figure: its citations are edited with it, and its
    History page lists the changes to them too."""

    inlines = [CitationInline]
    object_history_template = "admin/policykb/cited_object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        citation_history = Citation.history.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=object_id
        ).select_related("source", "history_user")
        extra_context = {**(extra_context or {}), "citation_history": citation_history}
        return super().history_view(request, object_id, extra_context)


class SourcedRowForm(KnowledgeForm):
    """An inline row of a cited record, with the source of a new or changed figure."""

    citation_source = forms.ModelChoiceField(
        queryset=Source.objects.all(), required=False, label=_("source of this figure")
    )
    citation_locator = forms.CharField(
        required=False,
        max_length=100,
        label=_("where in the source"),
        help_text=_("Table, figure or section, e.g. 表 1, §3.2."),
    )

    def clean(self):
        cleaned = super().clean()
        source, locator = cleaned.get("citation_source"), cleaned.get("citation_locator")
        if self.instance._state.adding and not source:
            self.add_error("citation_source", _("A new figure needs its source."))
        elif locator and not source:
            self.add_error("citation_source", _("Choose the source."))
        if source and not locator:
            self.add_error("citation_locator", _("Say where the source states it."))
        return cleaned

    def save(self, commit=True):
        record = super().save(commit=commit)
        source = self.cleaned_data.get("citation_source")
        if commit and source:
            citation_add(
                record=record, source=source, locator=self.cleaned_data["citation_locator"]
            )
        return record


class SourcedRowInline(AutocompleteLinksMixin, admin.TabularInline):
    form = SourcedRowForm
    extra = 0
    show_change_link = True
    row_fields = []

    def get_fields(self, request, obj=None):
        return [*self.row_fields, "citation_source", "citation_locator"]


class ChildInline(AutocompleteLinksMixin, admin.TabularInline):
    """Rows that belong to their record and cite nothing themselves (a project's partners)."""

    form = KnowledgeForm
    extra = 0
