print("baton: under construction")
