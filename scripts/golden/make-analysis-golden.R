# Golden bundle and expected analysis numbers, computed with R as the reference implementation.
#
# Run from the repository root:
#   Rscript scripts/golden/make-analysis-golden.R                 # regenerate bundle + expected.json
#   Rscript scripts/golden/make-analysis-golden.R --keep-bundle   # only recompute expected.json
# Writes tests/fixtures/golden-bundle/{relationship.json,instrument.json,responses.csv} (generated
# with set.seed, so the same every run) and tests/fixtures/golden-bundle/expected.json, which is
# computed from the files as read back, not from the generator's variables.
# Made with R 4.2.2 Patched (2022-11-10 r83330), psych 2.2.9, multilevel 2.7, jsonlite 1.8.4.
#
# Definitions (the TypeScript analysis must match them):
# - reverse items turned: v' = min + max - v; a respondent's dimension score = mean of their
#   answered trust items of that dimension (NA if none); overall score = mean of all answered
#   trust items.
# - cells / sideCells: n, mean, sample SD of respondent dimension scores; rwg(j) by
#   multilevel::rwg.j over the group's reverse-turned item matrix, ranvar (A^2 - 1)/12 with
#   A = max - min + 1 (rwg.j drops respondents with any missing item: rwgN is how many remain).
#   No anonymity suppression here.
# - reliability: psych::alpha raw_alpha per wave x dimension over respondents (both sides, all
#   levels) who answered every trust item of the dimension, check.keys = FALSE.
# - index / levelIndex / dimensionIndex: (mean of respondent scores - min)/(max - min) * 100.
# - gaps: perceived = mean of side S's meta answers on d; actual = mean of the other side's
#   respondent scores on d; gap = perceived - actual (scale units).
# - changes: consecutive waves, per rater side x dimension: diff = mean(to) - mean(from), Welch CI
#   from t.test(to, from, var.equal = FALSE), Hedges' g with J = 1 - 3/(4(n1 + n2) - 9).

suppressPackageStartupMessages({
  library(psych)
  library(multilevel)
  library(jsonlite)
})
source("scripts/golden/write-exact-json.R")

dir <- "tests/fixtures/golden-bundle"
keep_bundle <- "--keep-bundle" %in% commandArgs(trailingOnly = TRUE)

scale_min <- 1
scale_max <- 5
dimensions <- c("competence", "reliability", "integrity")
prefix <- c(competence = "COM", reliability = "REL", integrity = "INT")
trust_items <- data.frame(
  code = c("COM1", "COM2", "COM3", "REL1", "REL2", "REL3", "INT1", "INT2", "INT3"),
  dimension = rep(dimensions, each = 3),
  reverse = rep(c(FALSE, FALSE, TRUE), 3),
  stringsAsFactors = FALSE
)
meta_items <- data.frame(code = paste0(prefix, "_M"), dimension = dimensions, stringsAsFactors = FALSE)
waves <- c("W1", "W2")

# ---- 1. the bundle ---------------------------------------------------------------------------
if (!keep_bundle) {
  set.seed(20250106)
  relationship <- list(
    name = "Northwind Utilities and Blue Harbour IT",
    anonymityThreshold = 3,
    sides = list(
      A = list(name = "Northwind Utilities", role = "customer"),
      B = list(name = "Blue Harbour IT", role = "supplier")
    ),
    waves = list(
      list(label = "W1", opens = "2025-01-06", closes = "2025-01-31"),
      list(label = "W2", opens = "2025-06-02", closes = "2025-06-27")
    )
  )
  texts <- c(
    COM1 = "{other} has the skills and expertise to deliver what we engaged them for.",
    COM2 = "When a hard problem comes up, {other} knows how to solve it.",
    COM3 = "We often have to check or redo the work of {other}.",
    REL1 = "{other} keeps the commitments it makes to us, written or spoken.",
    REL2 = "{other} delivers on time and to the agreed standard.",
    REL3 = "We need to chase {other} before things get done.",
    INT1 = "{other} is honest with us, even when the truth is uncomfortable.",
    INT2 = "{other} deals with us fairly, even when it costs them.",
    INT3 = "{other} would bend the facts to get its way.",
    COM_M = "How would {other} rate our competence?",
    REL_M = "How would {other} rate our reliability in keeping commitments?",
    INT_M = "How would {other} rate our honesty and fairness?"
  )
  items <- c(
    lapply(seq_len(nrow(trust_items)), function(i) list(
      code = trust_items$code[i], dimension = trust_items$dimension[i], kind = "trust",
      text = unname(texts[trust_items$code[i]]), reverse = trust_items$reverse[i]
    )),
    lapply(seq_len(nrow(meta_items)), function(i) list(
      code = meta_items$code[i], dimension = meta_items$dimension[i], kind = "meta",
      text = unname(texts[meta_items$code[i]]), reverse = FALSE
    ))
  )
  instrument <- list(
    name = "Golden test instrument",
    version = "1.0",
    scale = list(min = scale_min, max = scale_max),
    dimensions = list(
      list(key = "competence", label = "Competence"),
      list(key = "reliability", label = "Reliability"),
      list(key = "integrity", label = "Integrity")
    ),
    items = items,
    open = list(list(code = "WORKING", text = "What is working well between {own} and {other}?"))
  )
  write(toJSON(relationship, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "relationship.json"))
  write(toJSON(instrument, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "instrument.json"))

  # Side A: 4 leadership, 8 operational, 8 staff; side B: only 2 leadership (suppressed cell).
  people <- rbind(
    data.frame(side = "A", level = rep(c("leadership", "operational", "staff"), c(4, 8, 8))),
    data.frame(side = "B", level = rep(c("leadership", "operational", "staff"), c(2, 9, 9)))
  )
  people$respondent <- ave(people$side, people$side, FUN = function(s) sprintf("%s%02d", s, seq_along(s)))
  # Mean trust (on the 1..5 scale) by side x level x wave; W2 improves, B's staff trusts least.
  centre <- function(side, level, wave) {
    base <- c(A = 3.1, B = 3.5)[[side]] + c(leadership = 0.4, operational = 0, staff = -0.3)[[level]]
    base + if (wave == "W2") 0.5 else 0
  }
  clamp <- function(x) pmin(scale_max, pmax(scale_min, round(x)))
  rows <- list()
  for (wave in waves) {
    for (i in seq_len(nrow(people))) {
      p <- people[i, ]
      # Two respondents skip W2, so group sizes differ between waves.
      if (wave == "W2" && p$respondent %in% c("A20", "B11")) next
      person <- rnorm(1, centre(p$side, p$level, wave), 0.7)
      values <- list()
      for (d in dimensions) {
        dim_level <- person + rnorm(1, 0, 0.35)
        for (code in trust_items$code[trust_items$dimension == d]) {
          v <- clamp(dim_level + rnorm(1, 0, 0.6))
          reverse <- trust_items$reverse[trust_items$code == code]
          values[[code]] <- if (reverse) scale_min + scale_max - v else v
        }
        values[[paste0(prefix[[d]], "_M")]] <- clamp(person + 0.4 + rnorm(1, 0, 0.8))
      }
      rows[[length(rows) + 1]] <- c(list(respondent = p$respondent, side = p$side, level = p$level, wave = wave), values)
    }
  }
  responses <- do.call(rbind, lapply(rows, as.data.frame, stringsAsFactors = FALSE))
  codes <- c(trust_items$code, meta_items$code)
  # B's two leaders disagree completely on competence in W1, so rwg(j) truncates to 0 there.
  lead_b <- which(responses$side == "B" & responses$level == "leadership" & responses$wave == "W1")
  responses[lead_b[1], c("COM1", "COM2", "COM3")] <- c(1, 1, 5)
  responses[lead_b[2], c("COM1", "COM2", "COM3")] <- c(5, 5, 1)
  # About 5% blanks over the item cells.
  item_cells <- as.matrix(responses[, codes])
  item_cells[sample(length(item_cells), round(0.05 * length(item_cells)))] <- NA
  responses[, codes] <- item_cells
  # One respondent leaves a whole dimension blank (no integrity score), one answers no trust item.
  responses[responses$respondent == "A05" & responses$wave == "W1", c("INT1", "INT2", "INT3")] <- NA
  responses[responses$respondent == "B07" & responses$wave == "W2", trust_items$code] <- NA

  working <- c(
    "Weekly stand-ups, and the new service manager", "They answer the phone.",
    "The \"small big things\" list is finally moving", "Honest escalation, even when it hurts",
    "Not much, to be frank", "Shared dashboard; fewer surprises"
  )
  responses$WORKING <- ifelse(runif(nrow(responses)) < 0.4, sample(working, nrow(responses), replace = TRUE), NA)

  # RFC 4180: blank = not answered, free text always quoted with "" escaping, CRLF line ends.
  quote_text <- function(s) ifelse(is.na(s), "", paste0("\"", gsub("\"", "\"\"", s), "\""))
  cell <- function(v) ifelse(is.na(v), "", format(v, trim = TRUE))
  header <- paste(c("respondent", "side", "level", "wave", codes, "WORKING"), collapse = ",")
  lines <- vapply(seq_len(nrow(responses)), function(i) {
    r <- responses[i, ]
    paste(c(r$respondent, r$side, r$level, r$wave, vapply(codes, function(code) cell(r[[code]]), ""),
            quote_text(r$WORKING)), collapse = ",")
  }, "")
  con <- file(file.path(dir, "responses.csv"), "wb")
  writeLines(c(header, lines), con, sep = "\r\n")
  close(con)
}

# ---- 2. the expected analysis, from the files as read back -----------------------------------
instrument <- fromJSON(file.path(dir, "instrument.json"), simplifyDataFrame = TRUE)
scale_min <- instrument$scale$min
scale_max <- instrument$scale$max
items <- instrument$items
trust_items <- items[items$kind == "trust", ]
meta_items <- items[items$kind == "meta", ]
dimensions <- instrument$dimensions$key
waves <- fromJSON(file.path(dir, "relationship.json"))$waves$label
levels <- c("leadership", "operational", "staff")
sides <- c("A", "B")

responses <- read.csv(file.path(dir, "responses.csv"), na.strings = "", stringsAsFactors = FALSE,
                      colClasses = c(WORKING = "character"))
turned <- responses
for (i in seq_len(nrow(trust_items))) {
  if (trust_items$reverse[i]) turned[[trust_items$code[i]]] <- scale_min + scale_max - turned[[trust_items$code[i]]]
}
mean_or_na <- function(x) if (all(is.na(x))) NA else mean(x, na.rm = TRUE)
codes_of <- function(d) trust_items$code[trust_items$dimension == d]
for (d in dimensions) {
  turned[[paste0("score_", d)]] <- apply(turned[, codes_of(d), drop = FALSE], 1, mean_or_na)
}
turned$score_overall <- apply(turned[, trust_items$code, drop = FALSE], 1, mean_or_na)

to_index <- function(m) if (is.na(m)) NA else (m - scale_min) / (scale_max - scale_min) * 100
na_if_short <- function(x, f, min_n) if (length(x) < min_n) NA else f(x)
ranvar <- ((scale_max - scale_min + 1)^2 - 1) / 12

describe_group <- function(group, d) {
  scores <- group[[paste0("score_", d)]]
  scores <- scores[!is.na(scores)]
  item_matrix <- group[, codes_of(d), drop = FALSE]
  complete <- sum(complete.cases(item_matrix))
  rwg <- if (complete == 0) NA else rwg.j(item_matrix, rep(1, nrow(item_matrix)), ranvar = ranvar)$rwg.j
  list(
    n = length(scores),
    mean = na_if_short(scores, mean, 1),
    sd = na_if_short(scores, sd, 2),
    rwgJ = unname(rwg),
    rwgN = complete
  )
}

cells <- list()
side_cells <- list()
reliability <- list()
index <- list()
level_index <- list()
dimension_index <- list()
gaps <- list()
for (w in waves) {
  in_wave <- turned[turned$wave == w, ]
  for (s in sides) {
    in_side <- in_wave[in_wave$side == s, ]
    for (l in levels) {
      in_level <- in_side[in_side$level == l, ]
      for (d in dimensions) {
        cells[[length(cells) + 1]] <- c(list(wave = w, side = s, level = l, dimension = d), describe_group(in_level, d))
      }
      overall <- in_level$score_overall[!is.na(in_level$score_overall)]
      level_index[[length(level_index) + 1]] <- list(
        wave = w, side = s, level = l, n = length(overall), index = to_index(na_if_short(overall, mean, 1))
      )
    }
    for (d in dimensions) {
      side_cells[[length(side_cells) + 1]] <- c(list(wave = w, side = s, dimension = d), describe_group(in_side, d))
      scores <- in_side[[paste0("score_", d)]]
      scores <- scores[!is.na(scores)]
      dimension_index[[length(dimension_index) + 1]] <- list(
        wave = w, side = s, dimension = d, n = length(scores), index = to_index(na_if_short(scores, mean, 1))
      )
      meta <- in_side[[meta_items$code[meta_items$dimension == d]]]
      meta <- meta[!is.na(meta)]
      other <- in_wave[in_wave$side != s, paste0("score_", d)]
      other <- other[!is.na(other)]
      perceived <- na_if_short(meta, mean, 1)
      actual <- na_if_short(other, mean, 1)
      gaps[[length(gaps) + 1]] <- list(
        wave = w, side = s, dimension = d, perceived = perceived, perceivedN = length(meta),
        actual = actual, actualN = length(other), gap = perceived - actual
      )
    }
    overall <- in_side$score_overall[!is.na(in_side$score_overall)]
    index[[length(index) + 1]] <- list(wave = w, side = s, n = length(overall), index = to_index(na_if_short(overall, mean, 1)))
  }
  for (d in dimensions) {
    complete_rows <- in_wave[complete.cases(in_wave[, codes_of(d)]), codes_of(d)]
    alpha <- if (nrow(complete_rows) < 2 || abs(sum(cov(complete_rows))) < 1e-12) NA else {
      out <- NULL
      capture.output(out <- suppressWarnings(suppressMessages(
        psych::alpha(complete_rows, check.keys = FALSE)$total$raw_alpha
      )))
      out
    }
    reliability[[length(reliability) + 1]] <- list(wave = w, dimension = d, n = nrow(complete_rows), alpha = alpha)
  }
}

hedges_g <- function(from, to) {
  n1 <- length(from)
  n2 <- length(to)
  if (n1 == 0 || n2 == 0 || n1 + n2 < 3) return(NA)
  v1 <- if (n1 > 1) var(from) else 0
  v2 <- if (n2 > 1) var(to) else 0
  pooled <- sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
  if (pooled == 0) return(NA)
  (mean(to) - mean(from)) / pooled * (1 - 3 / (4 * (n1 + n2) - 9))
}
changes <- list()
for (k in seq_len(length(waves) - 1)) {
  for (s in sides) {
    for (d in dimensions) {
      pick <- function(w) {
        x <- turned[turned$wave == w & turned$side == s, paste0("score_", d)]
        x[!is.na(x)]
      }
      from <- pick(waves[k])
      to <- pick(waves[k + 1])
      test <- tryCatch(t.test(to, from, var.equal = FALSE), error = function(e) NULL)
      changes[[length(changes) + 1]] <- list(
        from = waves[k], to = waves[k + 1], side = s, dimension = d, nFrom = length(from), nTo = length(to),
        diff = if (length(from) > 0 && length(to) > 0) mean(to) - mean(from) else NA,
        ciLow = if (is.null(test)) NA else test$conf.int[1],
        ciHigh = if (is.null(test)) NA else test$conf.int[2],
        df = if (is.null(test)) NA else unname(test$parameter),
        se = if (is.null(test)) NA else test$stderr,
        hedgesG = hedges_g(from, to)
      )
    }
  }
}

respondent_scores <- lapply(seq_len(nrow(turned)), function(i) {
  r <- turned[i, ]
  c(
    list(respondent = r$respondent, wave = r$wave, side = r$side, level = r$level, overall = r$score_overall),
    setNames(lapply(dimensions, function(d) r[[paste0("score_", d)]]), dimensions)
  )
})

expected <- list(
  generatedBy = "scripts/golden/make-analysis-golden.R",
  versions = list(
    R = R.version.string,
    psych = as.character(packageVersion("psych")),
    multilevel = as.character(packageVersion("multilevel")),
    jsonlite = as.character(packageVersion("jsonlite"))
  ),
  scale = list(min = scale_min, max = scale_max),
  waves = I(waves),
  dimensions = I(dimensions),
  respondentScores = respondent_scores,
  cells = cells,
  sideCells = side_cells,
  reliability = reliability,
  index = index,
  levelIndex = level_index,
  dimensionIndex = dimension_index,
  gaps = gaps,
  changes = changes
)
write_exact_json(expected, file.path(dir, "expected.json"))
