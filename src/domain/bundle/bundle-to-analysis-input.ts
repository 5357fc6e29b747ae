import type { AnalysisInput } from '../analyze-relationship.ts';
import type { Bundle } from '../model.ts';

/** A bundle as the analysis's input, without storing it: the same numbers as after an import. */
export function bundleToAnalysisInput(bundle: Bundle, relationshipId: string): AnalysisInput {
  return {
    relationship: { id: relationshipId, name: bundle.relationship.name, sides: bundle.relationship.sides },
    waves: bundle.relationship.waves.map((wave) => ({
      label: wave.label,
      opens: wave.opens,
      closes: wave.closes,
      anonymityThreshold: bundle.relationship.anonymityThreshold,
      instrument: bundle.instrument,
      responses: bundle.responses.filter((response) => response.wave === wave.label),
    })),
    incidents: bundle.incidents,
  };
}
