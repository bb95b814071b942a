"""Ships the repository's `data/` inside the package as `modelvs/_catalog/`.

Everything else lives in pyproject.toml. This file exists because pyproject's static
configuration cannot both discover the packages under src/ and map one more package from a
folder outside it; listing every package by hand would silently drop the next one added.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages("src", include=["modelvs*"]), "modelvs._catalog"],
    package_dir={"": "src", "modelvs._catalog": "data"},
)
