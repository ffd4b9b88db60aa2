from ses_decider.cli import launch

launch()
