from django.core.management.base import BaseCommand, CommandError

from policykb.kb.errors import FixtureError
from policykb.kb.loading import knowledge_base_load


class Command(BaseCommand):
    help = (
        "Load the knowledge base from fixtures/ in one transaction. Validates every record; "
        "on any problem it names the file, record and field and leaves the database as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="Load only these fixture files (default: all of fixtures/)."
        )
        parser.add_argument(
            "--skip-counts", action="store_true", help="Do not check the counts in checks.yaml."
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Delete records that are in the database but no longer in the fixtures.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report, then roll back."
        )

    def handle(self, *args, paths, skip_counts, prune, dry_run, **options):
        try:
            report = knowledge_base_load(
                paths=paths or None,
                check_counts=not skip_counts and not paths,
                prune=prune,
                dry_run=dry_run,
            )
        except FixtureError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error

        for label in sorted(set(report.created) | set(report.updated)):
            self.stdout.write(
                f"  {label}: {report.created[label]} created, {report.updated[label]} updated"
            )
        for label, count in sorted(report.pruned.items()):
            self.stdout.write(f"  {label}: {count} pruned")
        for label, slugs in sorted(report.stale.items()):
            self.stdout.write(
                self.style.WARNING(
                    f"  {label}: {len(slugs)} record(s) not in the fixtures "
                    "(kept; --prune deletes): " + ", ".join(slugs[:10])
                )
            )
        prefix = "Dry run: " if dry_run else ""
        if report.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{prefix}Loaded {report.total} records: "
                    f"{sum(report.created.values())} created, "
                    f"{sum(report.updated.values())} updated, "
                    f"{sum(report.unchanged.values())} unchanged."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{prefix}No changes: all {report.total} records already match the fixtures."
                )
            )
