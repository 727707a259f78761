"""Server settings, read from SHANHAI_* environment variables once and passed down to the app."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.store import StoreConfig

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
    # Web applications on these origins may call the API (CORS, GET/HEAD): comma-separated, `*` for any.
    cors_origins: str = ""
    # Cache-Control of the memory store's /api answers: 0 = `no-cache` (revalidate with the ETag each time,
    # never stale after an admin rebuild); N > 0 = `public, max-age=N` for servers whose snapshot only
    # changes with a restart.
    cache_max_age: Annotated[int, Field(ge=0, le=86400)] = 0
    viz_max_nodes: Annotated[int, Field(ge=10, le=2000, description="node budget of the /viz pages")] = 300
    viz_max_nodes_hard: Annotated[int, Field(ge=10, le=5000, description="largest ?limit= a page accepts")] = 1000

    # The Neo4j server, under the names every Neo4j tool uses (no SHANHAI_ prefix). Empty values mean
    # the defaults, as `NEO4J_URI=` in a shell would suggest; an empty password means no auth.
    neo4j_uri: str = Field(default="", validation_alias=AliasChoices("NEO4J_URI", "neo4j_uri"))
    neo4j_user: str = Field(default="", validation_alias=AliasChoices("NEO4J_USER", "neo4j_user"))
    neo4j_password: SecretStr = Field(default=SecretStr(""),
                                      validation_alias=AliasChoices("NEO4J_PASSWORD", "neo4j_password"))
    neo4j_database: str = Field(default="", validation_alias=AliasChoices("NEO4J_DATABASE", "neo4j_database"))

    def store_config(self) -> StoreConfig:
        """What graph.registry.open_store needs to open the configured backend."""
        default = StoreConfig()
        return StoreConfig(
            backend=self.backend, graph_dir=self.graph_dir,
            neo4j_uri=self.neo4j_uri or default.neo4j_uri, neo4j_user=self.neo4j_user or default.neo4j_user,
            neo4j_password=self.neo4j_password.get_secret_value(),
            neo4j_database=self.neo4j_database or default.neo4j_database)

    @property
    def cors_origin_list(self) -> tuple[str, ...]:
        return tuple(o.strip().rstrip("/") for o in self.cors_origins.split(",") if o.strip())

    @property
    def admin_active(self) -> bool:
        return self.admin_enabled and self.admin_token is not None and bool(self.admin_token.get_secret_value())


@lru_cache(maxsize=1)
def environment_settings() -> Settings:
    """The environment's settings, read once per process (routes read the app's: api.deps.settings_of)."""
    return Settings()
