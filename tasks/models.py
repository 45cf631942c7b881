# No models: this file exists so that post_migrate reaches TasksConfig (see apps.py).
