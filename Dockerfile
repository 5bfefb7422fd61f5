# IOM case management: one image for the web server (gunicorn), the Celery worker and beat.
# docker-compose.yml runs it; migrations run once per deploy in its `migrate` service.
FROM python:3.11-slim

# PYTHONPATH: the project's own copy (next to templates/ and static/) is the one imported.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    IOM_ENV=production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media \
    IOM_VAR_DIR=/app/var

# WeasyPrint (printed agendas and minutes) needs Pango and HarfBuzz, plus fonts for the pages;
# curl is for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libffi8 \
        shared-mime-info fonts-dejavu-core fonts-liberation curl \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system iom \
    && useradd --system --gid iom --home-dir /app --no-create-home --shell /usr/sbin/nologin iom
WORKDIR /app

COPY pyproject.toml README.md manage.py ./
COPY iom ./iom
COPY referrals ./referrals
COPY matrix ./matrix
COPY rag ./rag
COPY tasking ./tasking
COPY performance ./performance
RUN pip install .

COPY templates ./templates
COPY static ./static

# Settings refuse to load in production without these; collectstatic uses none of them.
RUN SECRET_KEY=collectstatic-only-not-a-secret \
    DATABASE_URL=postgres://unused@localhost/unused \
    REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/var \
    && chown -R iom:iom /app/media /app/var

USER iom
EXPOSE 8000
# Workers: WEB_CONCURRENCY (gunicorn reads it). TLS ends at a proxy that sets X-Forwarded-Proto.
CMD ["gunicorn", "iom.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
