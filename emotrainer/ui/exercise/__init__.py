"""The guided exercises: the page that runs a flow and one view per step kind."""
