"""Page data: plain data gathered from the store for each kind of page, kept apart from HTTP and
templates so that the HTML page, its machine twin and the benchmark all read the same facts."""
