"""The data version: one row whose token changes with every write to the knowledge base."""

from django.db import models


class DataVersion(models.Model):
    """A token that database triggers replace on every write to a knowledge-base table.

    The response cache and the ETags are keyed by it (policykb.caching), so a change is seen on
    the very next request by every process, whatever wrote it: the admin, the API, load_kb,
    scale_kb, a bulk_create or raw SQL. The token is random rather than a counter so that a
    rolled-back transaction can never bring back a value already used for other data.
    """

    token = models.CharField(max_length=64)
    changed = models.DateTimeField()

    class Meta:
        db_table = "policykb_dataversion"
        verbose_name = "data version"
        default_permissions = ()

    def __str__(self):
        return f"{self.token} ({self.changed:%Y-%m-%d %H:%M:%S})"
