"""The strategy lab: many seeded games in parallel (a process pool or a Dask cluster), with
tournaments, sweeps of scenario values, an exploit finder and your own policies.

``commands.register`` adds ``simulate``, ``tournament``, ``sweep`` and ``stress`` to the
``resilience`` command; docs/analysis.md is the guide.
"""
