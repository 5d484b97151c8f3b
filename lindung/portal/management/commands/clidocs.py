from django.core.management.base import BaseCommand

from lindung.portal.clidocs import cli_markdown


class Command(BaseCommand):
    help = "Tulis referensi CLI (Markdown) dari --help setiap perintah Lindung: lindung clidocs > docs/cli.md"

    def handle(self, *args, **options):
        self.stdout.write(cli_markdown())
