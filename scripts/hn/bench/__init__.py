"""The course's benchmark: build time, page weight, Lighthouse, quiz start-up, validator scale.

Run it with `make bench`; docs/authoring/performance.md explains the figures and budgets.
"""
