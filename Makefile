# Townsquare: `make run` serves the demo county, `make test` runs lint and every test.
SHELL := /bin/bash
PY ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run serve-prod setup test test-sqlite test-postgres lint deadcode lock clean

$(BIN)/python:
	@test -n "$(PY)" || { echo "需要 Python 3.11 或更新版本"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.lock
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/python -m pip install -q -r requirements-dev.lock
	touch $@

setup: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py train_routing --if-missing

run: setup
	$(BIN)/python manage.py rundemo --port $(PORT)

# The production stack (nginx, gunicorn, task worker, scheduler) on http://127.0.0.1:$PORT, 8080 unless PORT is given;
# PostgreSQL + Redis when they answer, SQLite otherwise. More: ARGS="--instances 2 --workers 3".
serve-prod: $(VENV)/.installed
	$(BIN)/python scripts/serve_prod.py --port $(if $(filter file,$(origin PORT)),8080,$(PORT)) $(ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# Unused functions, classes, methods, properties (vulture: 60%), imports (90%), arguments and unreachable code (100%).
# Left out: names Django and Wagtail call by convention (below), class-level fields and options (60% variables and
# attributes: the frameworks read them by name), and what vulture_whitelist.py lists (templates, settings, tests).
VULTURE_DECORATORS := @hooks.register,@register.*,@periodic_job,@rule,@api,@task,@receiver,@path,@route,@re_path,@router.get,@api.exception_handler
VULTURE_NAMES := *Config,Command,Media,handle,add_arguments,ready,clean_*,form_valid,to_python,to_url,is_shown,render_component,get_value,get_page_subtitle,get_success_message,receive_data_chunk,file_complete,users_with_any_permission_for_instance
deadcode: $(VENV)/.installed-dev
	! $(BIN)/vulture townsquare/ vulture_whitelist.py --min-confidence 60 --exclude "*/migrations/*,*/demo/content/*" \
		--ignore-decorators "$(VULTURE_DECORATORS)" --ignore-names "$(VULTURE_NAMES)" \
		| grep -vE "unused (variable|attribute) '.*' \(60% confidence\)"

# The two suites run side by side (one per core); each one's output appears whole when it ends.
test: lint
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: $(VENV)/.installed-dev
	$(BIN)/python -m pytest --durations=15

# The same suite against PostgreSQL where one answers on 127.0.0.1:5432 (browser tests excepted).
test-postgres: $(VENV)/.installed-dev
	@if $(BIN)/python scripts/service_up.py postgres; then \
		DATABASE_URL=$${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/townsquare} \
		TOWNSQUARE_VAR_DIR=$(CURDIR)/var/test-postgres \
		REDIS_URL=$$($(BIN)/python scripts/service_up.py redis && echo $${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}) \
		$(BIN)/python -m pytest -m "not browser" -p no:cacheprovider --durations=15; \
	else echo "跳过 PostgreSQL 测试：127.0.0.1:5432 上没有可用的 PostgreSQL。"; fi

# Re-pin dependencies after editing requirements*.in.
lock: $(BIN)/python
	rm -rf $(VENV)/lock && $(PY) -m venv $(VENV)/lock
	$(VENV)/lock/bin/pip install -q -r requirements.in && $(VENV)/lock/bin/pip freeze --all | grep -vE '^(pip|setuptools|wheel)==' > requirements.lock
	$(VENV)/lock/bin/pip install -q -r requirements.lock -r requirements-dev.in && $(VENV)/lock/bin/pip freeze --all | grep -vE '^(pip|setuptools|wheel)==' | grep -vxFf requirements.lock > requirements-dev.lock
	rm -rf $(VENV)/lock

clean:
	rm -rf $(VENV) var
