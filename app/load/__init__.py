"""Partner load, burnout risk and concentration: the convener's view."""
