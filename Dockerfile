# The image the scale-out shape (docker-compose.yml) runs for workers and the API.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
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
RUN pip install --no-cache-dir .
ENV PREFECT_SERVER_ANALYTICS_ENABLED=false
CMD ["mediamon", "--help"]
