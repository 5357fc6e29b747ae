# Golden values for src/domain/statistics/, computed with R as the reference implementation.
#
# Run from the repository root:
#   Rscript scripts/golden/make-statistics-golden.R
# It writes src/domain/statistics/__golden__/statistics.json (inputs and R's outputs, every double
# at full round-trip precision via scripts/golden/write-exact-json.R).
# Made with R 4.2.2 Patched (2022-11-10 r83330), psych 2.2.9, multilevel 2.7, jsonlite 1.8.4.
# The TypeScript tests read the JSON only; they do not need R.

suppressPackageStartupMessages({
  library(psych)
  library(multilevel)
  library(jsonlite)
})
source("scripts/golden/write-exact-json.R")

set.seed(20250106)

# Likert answers 1..points around a group mean, rounded and clamped.
likert <- function(n, points, centre, spread) {
  pmin(points, pmax(1, round(rnorm(n, centre, spread))))
}
# Respondent × item matrix whose items share a respondent factor (so alpha is meaningful).
correlated_items <- function(n, items, points, centre, spread, noise) {
  person <- rnorm(n, centre, spread)
  m <- sapply(seq_len(items), function(j) pmin(points, pmax(1, round(person + rnorm(n, 0, noise)))))
  matrix(m, nrow = n)
}
with_blanks <- function(m, share) {
  m[sample(length(m), round(length(m) * share))] <- NA
  m
}
num_or_na <- function(x) if (length(x) == 0 || is.null(x)) NA else unname(x)

# ---- descriptive ---------------------------------------------------------------------------
descriptive_inputs <- list(
  empty = numeric(0),
  single = c(4),
  two = c(3, 5),
  ties = c(2, 2, 2, 5, 5, 7, 7, 7),
  constant = c(4, 4, 4, 4),
  likert_1_7 = likert(25, 7, 4.6, 1.4),
  likert_1_5 = likert(40, 5, 3.2, 1.1),
  continuous = rnorm(30, 3.7, 0.8),
  large_offset = 1e9 + c(0.1, 0.2, 0.3, 0.4, 0.55)
)
descriptive <- lapply(names(descriptive_inputs), function(name) {
  xs <- descriptive_inputs[[name]]
  list(
    name = name,
    xs = I(xs),
    mean = if (length(xs) == 0) NA else mean(xs),
    variance = if (length(xs) < 2) NA else var(xs),
    sd = if (length(xs) < 2) NA else sd(xs)
  )
})

# ---- rwg(j) --------------------------------------------------------------------------------
rwg_case <- function(name, rows, points) {
  a <- points
  ranvar <- (a^2 - 1) / 12
  expected <- if (ncol(rows) == 1) {
    # rwg.j fails for a single column ("argument is of length zero"); rwg is its J = 1 case.
    rwg(rows[, 1], rep(1, nrow(rows)), ranvar = ranvar)$rwg
  } else {
    rwg.j(as.data.frame(rows), rep(1, nrow(rows)), ranvar = ranvar)$rwg.j
  }
  list(name = name, scalePoints = points, rows = rows, expected = num_or_na(expected))
}
disagree <- matrix(c(1, 7, 1, 7, 1, 7, 7, 1, 7, 1, 7, 1, 1, 7, 2, 6, 7, 1), ncol = 3, byrow = TRUE)
rwg_cases <- list(
  rwg_case("agreeing_1_7", correlated_items(12, 3, 7, 5.5, 0.4, 0.6), 7),
  rwg_case("moderate_1_7_four_items", correlated_items(15, 4, 7, 4.2, 1.0, 1.0), 7),
  rwg_case("missing_1_5", with_blanks(correlated_items(20, 3, 5, 3.5, 0.7, 0.8), 0.1), 5),
  rwg_case("missing_heavy_1_7", with_blanks(correlated_items(10, 3, 7, 4.0, 1.2, 1.0), 0.3), 7),
  rwg_case("high_disagreement_truncated", disagree, 7),
  rwg_case("high_disagreement_1_5", matrix(c(1, 5, 1, 5, 1, 5, 5, 1, 5, 1, 5, 1), ncol = 3, byrow = TRUE), 5),
  rwg_case("tiny_two_respondents", matrix(c(4, 5, 4, 5, 5, 6), ncol = 3, byrow = TRUE), 7),
  rwg_case("one_respondent", matrix(c(4, 5, 4), ncol = 3), 7),
  rwg_case("one_complete_after_missing", matrix(c(4, 5, NA, 5, 5, 6, NA, 3, 3), ncol = 3, byrow = TRUE), 7),
  rwg_case("perfect_agreement", matrix(rep(c(4, 4, 4), 5), ncol = 3, byrow = TRUE), 5),
  rwg_case("ties_1_5", matrix(c(4, 4, 5, 4, 4, 4, 3, 4, 4, 4, 5, 5, 4, 4, 4), ncol = 3, byrow = TRUE), 5),
  rwg_case("single_item", matrix(likert(9, 5, 3.5, 0.9), ncol = 1), 5)
)

# ---- Cronbach's alpha ----------------------------------------------------------------------
alpha_case <- function(name, rows) {
  # psych::alpha does not guard a zero total variance: sum(cov) is then rounding noise and
  # raw_alpha comes out as about 1e16. Alpha is undefined there, so the golden says null.
  expected <- if (abs(sum(cov(rows))) < 1e-12) NA else tryCatch({
    out <- NULL
    capture.output(out <- suppressWarnings(suppressMessages(
      psych::alpha(as.data.frame(rows), check.keys = FALSE)$total$raw_alpha
    )))
    out
  }, error = function(e) NA)
  list(name = name, rows = rows, expected = num_or_na(expected))
}
alpha_cases <- list(
  alpha_case("three_items_1_5", correlated_items(40, 3, 5, 3.4, 0.9, 0.7)),
  alpha_case("four_items_1_7", correlated_items(60, 4, 7, 4.5, 1.2, 1.0)),
  alpha_case("two_items_1_7", correlated_items(25, 2, 7, 4.0, 1.0, 1.1)),
  alpha_case("noisy_1_5", correlated_items(30, 3, 5, 3.0, 0.2, 1.2)),
  alpha_case("negative_alpha", matrix(c(1, 5, 3, 2, 4, 3, 3, 3, 3, 4, 2, 3, 5, 1, 3, 2, 5, 4), ncol = 3, byrow = TRUE)),
  alpha_case("zero_total_variance", matrix(c(1, 5, 3, 2, 4, 3, 3, 3, 3, 4, 2, 3, 5, 1, 3), ncol = 3, byrow = TRUE)),
  alpha_case("three_rows", matrix(c(2, 3, 2, 4, 4, 5, 5, 5, 4), ncol = 3, byrow = TRUE)),
  alpha_case("ties_six_items", correlated_items(18, 6, 5, 4.0, 0.6, 0.5))
)

# ---- Student t -----------------------------------------------------------------------------
dfs <- c(0.7, 1, 1.5, 2, 2.7, 4, 5.31, 9.99, 17.5, 30, 58.4, 120, 1000.5)
ts <- c(-40, -6.2, -2.1, -1, -0.3, 0, 0.05, 0.9, 1.96, 2.5, 4.4, 12, 250)
cdf_grid <- expand.grid(t = ts, df = dfs)
student_t_cdf <- lapply(seq_len(nrow(cdf_grid)), function(i) {
  list(t = cdf_grid$t[i], df = cdf_grid$df[i], p = pt(cdf_grid$t[i], cdf_grid$df[i]))
})
ps <- c(1e-10, 1e-4, 0.005, 0.025, 0.05, 0.1, 0.3, 0.5, 0.6, 0.8, 0.9, 0.95, 0.975, 0.995, 0.9999)
q_grid <- expand.grid(p = ps, df = dfs)
student_t_quantile <- lapply(seq_len(nrow(q_grid)), function(i) {
  list(p = q_grid$p[i], df = q_grid$df[i], q = qt(q_grid$p[i], q_grid$df[i]))
})
beta_grid <- expand.grid(x = c(0.001, 0.05, 0.3, 0.5, 0.77, 0.999), a = c(0.5, 1, 2.5, 15), b = c(0.5, 3, 40))
incomplete_beta <- lapply(seq_len(nrow(beta_grid)), function(i) {
  g <- beta_grid[i, ]
  list(x = g$x, a = g$a, b = g$b, value = pbeta(g$x, g$a, g$b))
})

# ---- Welch interval and Hedges' g ----------------------------------------------------------
pairs <- list(
  list(name = "typical_1_7", from = likert(20, 7, 4.0, 1.2), to = likert(22, 7, 4.8, 1.0)),
  list(name = "unequal_n_and_variance", from = rnorm(8, 3.1, 0.3), to = rnorm(31, 3.6, 1.4)),
  list(name = "continuous_scores", from = rowMeans(correlated_items(15, 3, 5, 3.0, 0.8, 0.6)),
       to = rowMeans(correlated_items(17, 3, 5, 3.5, 0.8, 0.6))),
  list(name = "tiny_two_each", from = c(3, 4), to = c(4, 6)),
  list(name = "decrease", from = c(6, 5, 6, 7, 5, 6), to = c(4, 3, 5, 4, 2, 4, 3)),
  list(name = "from_constant", from = c(4, 4, 4, 4), to = c(3, 5, 4, 6, 5)),
  list(name = "both_constant", from = c(4, 4, 4), to = c(5, 5, 5)),
  list(name = "from_single", from = c(4), to = c(3, 5, 4)),
  list(name = "ties", from = c(2, 2, 3, 3, 3, 4), to = c(3, 3, 3, 4, 4, 4, 4)),
  list(name = "no_change", from = c(3, 4, 5, 4), to = c(5, 4, 3, 4))
)
welch <- list()
for (pair in pairs) {
  for (confidence in c(0.95, 0.9, 0.99)) {
    result <- tryCatch(t.test(pair$to, pair$from, var.equal = FALSE, conf.level = confidence), error = function(e) NULL)
    expected <- if (is.null(result)) NA else list(
      diff = mean(pair$to) - mean(pair$from),
      ciLow = result$conf.int[1],
      ciHigh = result$conf.int[2],
      df = unname(result$parameter),
      se = result$stderr
    )
    welch[[length(welch) + 1]] <- list(
      name = pair$name, from = I(pair$from), to = I(pair$to), confidence = confidence, expected = expected
    )
  }
}

hedges <- function(from, to) {
  n1 <- length(from)
  n2 <- length(to)
  if (n1 == 0 || n2 == 0 || n1 + n2 < 3) return(NA)
  v1 <- if (n1 > 1) var(from) else 0
  v2 <- if (n2 > 1) var(to) else 0
  pooled <- sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
  if (pooled == 0) return(NA)
  (mean(to) - mean(from)) / pooled * (1 - 3 / (4 * (n1 + n2) - 9))
}
# Cross-check: psych::cohen.d's "hedges.g" is d with the (n1 + n2 - 2) pooled SD but WITHOUT the
# small-sample correction J, so J × psych's value must equal ours.
check <- pairs[[1]]
psych_g <- suppressWarnings(psych::cohen.d(
  data.frame(v = c(check$from, check$to), g = c(rep(1, length(check$from)), rep(2, length(check$to)))), "g"
)$hedges.g[, "effect"])
n_check <- length(check$from) + length(check$to)
stopifnot(isTRUE(all.equal(unname(psych_g) * (1 - 3 / (4 * n_check - 9)), hedges(check$from, check$to))))

hedges_g <- lapply(pairs, function(pair) {
  list(name = pair$name, from = I(pair$from), to = I(pair$to), expected = hedges(pair$from, pair$to))
})

golden <- list(
  generatedBy = "scripts/golden/make-statistics-golden.R",
  versions = list(
    R = R.version.string,
    psych = as.character(packageVersion("psych")),
    multilevel = as.character(packageVersion("multilevel")),
    jsonlite = as.character(packageVersion("jsonlite"))
  ),
  descriptive = descriptive,
  rwgJ = rwg_cases,
  cronbachAlpha = alpha_cases,
  studentTCdf = student_t_cdf,
  studentTQuantile = student_t_quantile,
  incompleteBeta = incomplete_beta,
  welch = welch,
  hedgesG = hedges_g
)
dir.create("src/domain/statistics/__golden__", showWarnings = FALSE, recursive = TRUE)
# Not jsonlite::write_json(digits = NA): jsonlite 1.8.4 keeps only 15 significant digits.
write_exact_json(golden, "src/domain/statistics/__golden__/statistics.json")
