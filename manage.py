#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Loading the settings reads the environment (config/env.py): a bad value is the operator's
        # to fix, so one line naming it, as Django prints a CommandError, instead of a traceback.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"ImproperlyConfigured: {exc}\n")
        sys.exit(1)
    except ImportError:
        pass  # a settings module that does not import: Django's own handling, below
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
