"""The static build (`modelvs build OUT`): every exportable page of the web app's route table, as files.

`plan` lists the files (pairs, shards), `render` asks the app itself for each one, in-process,
and `build` writes them with a pool of workers and swaps the finished folder in. It needs the
web extra: the pages are the app's own responses, byte for byte.
"""

from modelvs.staticsite.build import DEFAULT_BASE_URL, BuildError, BuildOptions, BuildResult, build_site
from modelvs.staticsite.plan import PairSelection, PlanError, Shard

__all__ = [
    "DEFAULT_BASE_URL",
    "BuildError",
    "BuildOptions",
    "BuildResult",
    "PairSelection",
    "PlanError",
    "Shard",
    "build_site",
]
