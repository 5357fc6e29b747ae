# Shared by the golden scripts: write JSON with every double at full (round-trip) precision.
#
# jsonlite 1.8.4 prints at most 15 significant digits even with digits = NA or I(17), so
# 16/17 would come out as 0.941176470588235, a different double. Here each numeric vector is
# formatted with the shortest of %.15g/%.16g/%.17g that reads back to the same double and
# passed to jsonlite verbatim. NA becomes null; a vector wrapped in I() stays an array even
# when it has one element; a matrix becomes an array of rows.

shortest_exact <- function(v) {
  vapply(v, function(x) {
    if (is.na(x)) return("null")
    for (digits in 15:17) {
      s <- sprintf(paste0("%.", digits, "g"), x)
      if (as.numeric(s) == x) return(s)
    }
    s
  }, character(1))
}

exact_numbers <- function(x) {
  if (is.data.frame(x)) stop("exact_numbers: convert data frames to lists or matrices first")
  if (is.list(x)) {
    out <- lapply(x, exact_numbers)
    names(out) <- names(x)
    return(out)
  }
  if (is.numeric(x) || (is.logical(x) && all(is.na(x)))) {
    boxed <- inherits(x, "AsIs")
    x <- unclass(x)
    storage.mode(x) <- "double"
    if (is.matrix(x)) {
      rows <- apply(x, 1, function(r) paste0("[", paste(shortest_exact(r), collapse = ","), "]"))
      if (nrow(x) == 0) rows <- character(0)
      return(structure(paste0("[", paste(rows, collapse = ","), "]"), class = "json"))
    }
    if (length(x) == 1 && !boxed) return(structure(shortest_exact(x), class = "json"))
    return(structure(paste0("[", paste(shortest_exact(x), collapse = ","), "]"), class = "json"))
  }
  x
}

write_exact_json <- function(x, path) {
  json <- jsonlite::toJSON(exact_numbers(x), auto_unbox = TRUE, json_verbatim = TRUE, null = "null", na = "null")
  writeLines(jsonlite::prettify(json, indent = 2), path)
}
