/**
 * Wording rules for alert titles and messages (SPEC §5, science.md §6–§7; Impellizzeri 2021): alerts describe a
 * possible risk with its numbers, units and dates. They never diagnose ("you have…", "diagnosed with…"), never
 * claim a condition as fact ("has overtraining"), and never give a probability or "% chance/risk".
 * The disclaimers "not a diagnosis" and "not a probability" are allowed. Tests scan every title and message the scenarios produce.
 */
export const BANNED_PHRASES: readonly { pattern: RegExp; why: string }[] = Object.freeze([
  { pattern: /\byou have\b/i, why: 'states a condition as fact' },
  { pattern: /\byou(?:'re| are) (?:overtrained|overreached|injured|suffering)\b/i, why: 'states a condition as fact' },
  { pattern: /\b(?:has|have) (?:overtraining|non-functional overreaching|nfor|an? (?:back )?injury|a herniated)\b/i, why: 'states a condition as fact' },
  { pattern: /\bdiagnos(?:ed|es|ing)\b/i, why: 'diagnoses' },
  { pattern: /\bdiagnosis (?:of|is)\b/i, why: 'diagnoses' },
  { pattern: /(?<!not a )\bprobabilit(?:y|ies)\b/i, why: 'gives a probability' },
  { pattern: /\blikelihood\b/i, why: 'gives a probability' },
  { pattern: /\bchance\b/i, why: 'gives a probability' },
  { pattern: /\d\s*%\s*(?:risk|chance|likely|more likely|odds)\b/i, why: 'gives a risk percentage' },
  { pattern: /\bwill (?:get|be) injured\b/i, why: 'predicts an injury' },
]);

/** The reasons `text` breaks the wording rules (empty when it is fine). */
export function bannedPhrasesIn(text: string): string[] {
  const found: string[] = [];
  for (const { pattern, why } of BANNED_PHRASES) {
    const m = pattern.exec(text);
    if (m) found.push(`"${m[0]}" (${why})`);
  }
  return found;
}
