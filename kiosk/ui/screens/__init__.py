"""One module per screen. Screens are views: they draw a state and emit what the person did."""
