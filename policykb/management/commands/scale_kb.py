from django.core.management.base import BaseCommand, CommandError

from policykb.kb.scaling import knowledge_base_scale, knowledge_base_unscale


class Command(BaseCommand):
    help = (
        "Add clearly marked synthetic rows (slug 'synthetic-…', name 【合成】) to measure "
        "at N× the real data; --remove deletes them all. The fixtures are never touched."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--factor", type=int, help="Scale the list-heavy records to N× (N ≥ 2).")
        group.add_argument("--remove", action="store_true", help="Delete every synthetic row.")

    def handle(self, *args, factor, remove, **options):
        if remove:
            removed = knowledge_base_unscale()
            total = sum(removed.values())
            self.stdout.write(self.style.SUCCESS(f"Removed {total} synthetic rows."))
            return
        if factor < 2:
            raise CommandError("--factor must be 2 or more.")
        created = knowledge_base_scale(factor=factor)
        detail = ", ".join(f"{count} {label}" for label, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Scaled to {factor}×: {detail}."))
