"""The API's own settings, from the environment: ``MEDIAMON_API__TOKEN`` and friends.

They live here rather than in ``mediamon.settings`` because only the API reads them.
"""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ApiSettings(BaseSettings):
    """``MEDIAMON_API__TOKEN``: when set, every ``/api/*`` request needs ``Authorization: Bearer TOKEN``
    (``/health``, the dashboard page and its static files stay open; the page asks for the token).
    """

    model_config = SettingsConfigDict(env_prefix="MEDIAMON_API__", extra="ignore", frozen=True)

    token: SecretStr | None = Field(default=None, description="bearer token; unset = no authentication")
    cache_max_age: int = Field(default=30, ge=0, le=86_400, description="Cache-Control max-age, seconds")
    query_timeout: float = Field(default=10.0, gt=0, le=600, description="a query running longer is cancelled")
