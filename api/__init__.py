"""Dashboard feeds: read-only HTTP API and the dashboard page (see the trend-queries issue)."""
