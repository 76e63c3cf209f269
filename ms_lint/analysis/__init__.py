"""The analyses every rule asks: names and scopes, values, data flow, what built a value, and the
file context that serves them."""
