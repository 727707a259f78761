"""Server settings, read from SHANHAI_* environment variables once and passed down to the app."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

MAX_PAGE_LIMIT = 200  # the largest page any list route hands out; documented in OpenAPI and README


class Settings(BaseSettings):
    """Everything the HTTP app needs to know; the CLI `serve` flags override the environment."""

    model_config = SettingsConfigDict(env_prefix="SHANHAI_", extra="ignore", frozen=True)

    backend: Literal["memory", "neo4j"] = "memory"
    graph_dir: Annotated[Path | None, Field(description="snapshot directory of the memory store")] = None
    # Write routes rebuild or re-sync the graph; a public read-only server must not offer them, so
    # they only exist when switched on *and* a token is configured.
    admin_enabled: bool = False
    admin_token: SecretStr | None = None
    # Replay JSON answers of the memory store (an immutable snapshot); see api/cache.py.
    response_cache: bool = True
    # Keep derived answers of the memory store per request (api/memo.py); off only to measure cold work.
    answer_memo: bool = True
    viz_max_nodes: Annotated[int, Field(ge=10, le=2000, description="node budget of the /viz pages")] = 300
    viz_max_nodes_hard: Annotated[int, Field(ge=10, le=5000, description="largest ?limit= a page accepts")] = 1000

    @property
    def admin_active(self) -> bool:
        return self.admin_enabled and self.admin_token is not None and bool(self.admin_token.get_secret_value())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The environment's settings, read once per process."""
    return Settings()
