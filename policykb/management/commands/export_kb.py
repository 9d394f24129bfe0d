from django.core.management.base import BaseCommand

from policykb.kb.exporting import knowledge_base_export


class Command(BaseCommand):
    help = (
        "Write the database as fixtures in the form load_kb reads. By default it rewrites "
        "fixtures/ in place: every record stays in its file and unchanged records keep their "
        "text, so `git diff fixtures/` shows exactly what curators changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="Write into this directory instead of fixtures/ (created if needed)."
        )
        parser.add_argument(
            "--rewrite",
            action="store_true",
            help="Write every record in the standard form, not only the changed ones.",
        )

    def handle(self, *args, output, rewrite, **options):
        report = knowledge_base_export(output=output, rewrite=rewrite)
        for path in report.files:
            name = path.name
            changes = [
                f"{count} {what}"
                for what, count in (
                    ("rewritten", report.rewritten[name]),
                    ("added", report.added[name]),
                    ("removed", report.removed[name]),
                )
                if count
            ]
            if changes:
                self.stdout.write(f"  {name}: {', '.join(changes)}")
        total = sum(report.kept.values()) + sum(report.rewritten.values())
        total += sum(report.added.values())
        where = report.files[0].parent if report.files else output
        if report.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Exported {total} records to {where}: {report.changed} written anew, "
                    f"{sum(report.kept.values())} unchanged."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"No changes: all {total} records in {where} already match.")
            )
