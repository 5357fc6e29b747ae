# Golden values for src/domain/statistics/cohen-kappa.ts, computed with R as the reference.
#
# Run from the repository root:
#   Rscript scripts/golden/cohen-kappa.R
# It writes src/domain/statistics/__golden__/cohen-kappa.json: each case's two coders' codes and
# psych::cohen.kappa's unweighted kappa with the observed and chance agreement it rests on.
# Made with R 4.2.2 Patched (2022-11-10 r83330), psych 2.2.9, jsonlite 1.8.4.
# The TypeScript tests read the JSON only; they do not need R.
#
# When both coders used one and the same category only, kappa is 0/0: psych reports NA (with a
# warning that the data have no variance); the JSON holds null there and the domain returns null.

suppressPackageStartupMessages({
  library(psych)
  library(jsonlite)
})
source("scripts/golden/write-exact-json.R")

set.seed(20250214)

triggers <- c("delivery", "commercial", "communication", "people", "escalation", "governance", "external")

# A second coder who copies the first with probability `agree`, otherwise picks at random.
second_coder <- function(first, categories, agree) {
  vapply(first, function(code) if (runif(1) < agree) code else sample(categories, 1), character(1))
}

first_triggers <- sample(triggers, 24, replace = TRUE)
first_direction <- sample(c("builds", "dilutes"), 20, replace = TRUE, prob = c(0.45, 0.55))
first_strength <- as.character(sample(1:3, 22, replace = TRUE))

cases <- list(
  list(name = "perfect agreement, three categories",
       a = c("within", "beyond", "breach", "within", "within", "beyond"),
       b = c("within", "beyond", "breach", "within", "within", "beyond")),
  list(name = "chance level: the second coder ignores the first",
       a = c("builds", "builds", "dilutes", "dilutes", "builds", "builds", "dilutes", "dilutes"),
       b = c("builds", "dilutes", "builds", "dilutes", "builds", "dilutes", "builds", "dilutes")),
  list(name = "three categories, partial agreement",
       a = c("1", "2", "3", "2", "1", "3", "2", "2", "1", "3"),
       b = c("1", "2", "2", "2", "1", "3", "3", "2", "2", "3")),
  list(name = "binary present/absent, mostly absent",
       a = c("absent", "absent", "present", "absent", "absent", "present", "absent", "absent", "absent", "absent", "present", "absent"),
       b = c("absent", "absent", "present", "absent", "present", "absent", "absent", "absent", "absent", "absent", "present", "absent")),
  list(name = "worse than chance: systematic disagreement",
       a = c("builds", "dilutes", "builds", "dilutes", "builds", "dilutes"),
       b = c("dilutes", "builds", "dilutes", "builds", "builds", "dilutes")),
  list(name = "one coder used one category only",
       a = c("within", "within", "within", "within", "within"),
       b = c("within", "within", "beyond", "within", "within")),
  list(name = "both coders used the same single category: kappa undefined",
       a = c("absent", "absent", "absent", "absent"),
       b = c("absent", "absent", "absent", "absent")),
  list(name = "seven triggers, a careful second coder",
       a = first_triggers, b = second_coder(first_triggers, triggers, 0.7)),
  list(name = "direction, a careless second coder",
       a = first_direction, b = second_coder(first_direction, c("builds", "dilutes"), 0.4)),
  list(name = "strength 1-3, a fairly careful second coder",
       a = first_strength, b = second_coder(first_strength, c("1", "2", "3"), 0.6))
)

golden <- lapply(cases, function(case) {
  categories <- sort(unique(c(case$a, case$b)))
  # Factors over the union of both coders' codes, so the table is square (as psych builds it).
  ratings <- data.frame(a = factor(case$a, levels = categories), b = factor(case$b, levels = categories))
  result <- suppressWarnings(cohen.kappa(ratings))
  agree <- result$agree # proportions: rows coder a, columns coder b
  observed <- sum(diag(agree))
  expected <- sum(rowSums(agree) * colSums(agree))
  kappa <- unname(result$kappa)
  list(
    name = case$name,
    a = I(case$a),
    b = I(case$b),
    n = length(case$a),
    observed = observed,
    expected = expected,
    kappa = if (is.na(kappa)) NA else kappa
  )
})

write_exact_json(list(cohenKappa = golden), "src/domain/statistics/__golden__/cohen-kappa.json")
