# The one image of the scale-out shape (docker-compose.yml): Prefect server, process workers, Dask
# scheduler and workers, the API. The code stays in /app (an editable install), so config/ is found
# next to it, and prefect.yaml's pull step (set_working_directory /app) finds the flows' files.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PREFECT_SERVER_ANALYTICS_ENABLED=false \
    MEDIAMON_PATHS__DATA_DIR=/data \
    MEDIAMON_PATHS__CONFIG_DIR=/app/config
WORKDIR /app
# Dependencies first (a layer that survives code changes): install the project's requirements from
# pyproject.toml with an empty package, then the code.
COPY pyproject.toml README.md ./
RUN mkdir -p mediamon fetching parsers tagging warehouse flows api demo \
    && for p in mediamon fetching parsers tagging warehouse flows api demo; do touch "$p/__init__.py"; done \
    && pip install --no-cache-dir -e '.[dask]'
COPY mediamon mediamon
COPY fetching fetching
COPY parsers parsers
COPY tagging tagging
COPY warehouse warehouse
COPY flows flows
COPY api api
COPY demo demo
COPY config config
COPY prefect.yaml ./
RUN python -c "import flows.ingest, flows.maintenance, flows.backfill, flows.executors" \
    && mkdir -p /data
VOLUME ["/data"]
EXPOSE 4200 8000 8786 8787
CMD ["mediamon", "--help"]
