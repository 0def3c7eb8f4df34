// The catalogue the ExerciseCatalogue migration seeds (a frozen SQL copy lives in that migration; the integration
// test checks the two agree). Also usable where there is no database (unit tests, the CLI).
//
// Rules for entries:
// - spinal-loading follows SPEC §5 and science.md §7.2 (deadlift, squat, clean, good morning, rowing, kettlebell
//   swing …): a heavy axial or shear load through the lumbar spine, or a loaded hip hinge. Judgement calls say why
//   in `notes`.
// - An alias must be the same lift at the same load scale: best e1RMs are kept per entry, so a dumbbell variant
//   (kg per hand) is its own entry, never an alias of the barbell lift.
// - Garmin FIT names ("Barbell Deadlift", "Romanian Deadlift", "Barbell Back Squat" …, as the Garmin adapter spells
//   Profile.types.*ExerciseName) are aliases, and so are the bare category names it falls back to ("Deadlift",
//   "Squat", "Hyperextension", "Hip Swing").
import type { CatalogueEntry } from './exercise.types';

type Flag = 'S' | 'C' | 'W' | 'D' | 'M';

function entry(name: string, flags: Flag[], aliases: string[], notes: string | null = null): CatalogueEntry {
  return {
    name,
    aliases,
    spinalLoading: flags.includes('S'),
    core: flags.includes('C'),
    warmUp: flags.includes('W'),
    coolDown: flags.includes('D'),
    mobility: flags.includes('M'),
    notes,
  };
}

const S: Flag[] = ['S'];
const C: Flag[] = ['C'];
const NONE: Flag[] = [];

export const DEFAULT_EXERCISE_CATALOGUE: readonly CatalogueEntry[] = [
  // Spinal-loading: deadlift family
  entry('Deadlift', S, ['Conventional deadlift', 'Barbell Deadlift', 'DL', 'Conventional DL', 'Wide Grip Barbell Deadlift']),
  entry('Sumo deadlift', S, ['Sumo DL'], 'More upright torso than conventional, but still a heavy load held by the lumbar spine: counted.'),
  entry('Romanian deadlift', S, ['RDL', 'Romanian DL', 'Barbell Romanian Deadlift', 'Barbell RDL']),
  entry('Dumbbell Romanian deadlift', S, ['Dumbbell RDL', 'DB RDL'], 'Lighter than the barbell lift but the same loaded hip hinge: counted. Own entry because the load is per hand.'),
  entry('Stiff-leg deadlift', S, ['Stiff-legged deadlift', 'Straight leg deadlift', 'Straight-legged deadlift', 'SLDL', 'Barbell Straight Leg Deadlift']),
  entry('Trap-bar deadlift', S, ['Hex bar deadlift', 'Trap bar DL', 'Hex bar DL'], 'The load sits in line with the body (less lumbar moment than a straight bar), but the loads are heavy: counted.'),
  entry('Deficit deadlift', S, ['Deficit DL']),
  entry('Rack pull', S, ['Block pull', 'Rack deadlift'], 'Partial range, but loads often exceed the deadlift 1RM: counted.'),
  entry('Single-leg Romanian deadlift', NONE, ['Single leg RDL', 'Single-leg deadlift', 'Single Leg Romanian Deadlift With Dumbbell'], 'Judgement: light dumbbell or kettlebell, load limited by balance; not counted as spinal loading.'),
  // Spinal-loading: squat family
  entry('Back squat', S, ['Squat', 'Barbell Back Squat', 'Barbell squat', 'High bar squat', 'Low bar squat'], 'A bare "Squat" (also Garmin\'s fallback when the subtype is unknown) counts as this.'),
  entry('Front squat', S, ['Barbell Front Squat', 'Clean grip front squat']),
  entry('Overhead squat', S, ['OHS', 'Overhead Barbell Squat']),
  entry('Box squat', S, ['Barbell Box Squat']),
  entry('Zercher squat', S, [], 'Bar held in the elbows: heavy anterior load with a high trunk demand: counted.'),
  entry('Goblet squat', NONE, ['Kettlebell goblet squat', 'Dumbbell goblet squat', 'Kettlebell Squat', 'Wide Stance Goblet Squat'], 'Judgement: the load held at the chest is limited by the arms (typically 10–40 kg); not counted as spinal loading.'),
  entry('Barbell split squat', S, ['Barbell Bulgarian Split Squat', 'Barbell Front Split Squat'], 'Judgement: a bar on the back loads the spine axially like a squat (at lower loads): counted.'),
  entry('Split squat', NONE, ['Bulgarian split squat', 'Dumbbell split squat', 'Dumbbell Bulgarian Split Squat', 'Rear foot elevated split squat', 'RFESS'], 'Judgement: bodyweight or dumbbells in the hands; not counted (see "Barbell split squat").'),
  entry('Barbell lunge', S, ['Barbell Reverse Lunge', 'Walking Barbell Lunge', 'Barbell walking lunge'], 'Judgement: a bar on the back, as for the barbell split squat: counted.'),
  // Spinal-loading: hinges, rows, Olympic lifts, presses, carries
  entry('Good morning', S, ['Barbell good morning', 'Seated Barbell Good Morning']),
  entry('Barbell row', S, ['Bent-over row', 'Bent-over barbell row', 'Barbell bent-over row', 'BB row', 'Bent Over Row With Barbell'], 'The torso is held in a hip hinge under load: high isometric lumbar demand.'),
  entry('Pendlay row', S, []),
  entry('T-bar row', S, ['Landmine row'], 'Standing (landmine) version. A chest-supported T-bar row is not spinal-loading and should be its own entry.'),
  entry('Power clean', S, ['Barbell Power Clean']),
  entry('Hang clean', S, ['Hang power clean', 'Barbell Hang Power Clean', 'Hang squat clean', 'Barbell Hang Squat Clean']),
  entry('Clean', S, ['Squat clean', 'Full clean', 'Barbell Squat Clean']),
  entry('Clean and jerk', S, ['C&J', 'Squat Clean And Jerk']),
  entry('Snatch', S, ['Barbell Snatch', 'Squat snatch', 'Full snatch']),
  entry('Power snatch', S, ['Barbell Power Snatch']),
  entry('Hang snatch', S, ['Hang power snatch', 'Barbell Hang Power Snatch']),
  entry('Kettlebell swing', S, ['KB swing', 'Russian swing', 'American swing', 'Hip Swing', 'Single Arm Kettlebell Swing', 'One Arm Swing'], 'Ballistic loaded hip hinge; listed in SPEC §5.'),
  entry('Rowing erg', S, ['Rowing machine', 'Indoor row', 'Indoor rowing', 'Rower', 'Erg', 'Ergometer', 'Concept2', 'Rowing'], 'Repeated loaded lumbar flexion at the catch; listed in science.md §7.2.'),
  entry('Push press', S, ['Barbell Push Press'], 'Judgement: heavy overhead load with a dip and drive (axial load, lumbar extension): counted.'),
  entry('Jerk', S, ['Split jerk', 'Push jerk', 'Power jerk', 'Barbell Split Jerk'], 'Judgement: the heaviest overhead loads, caught with a dip: counted.'),
  entry('Overhead press', S, ['Standing overhead press', 'OHP', 'Military press', 'Strict press', 'Overhead Barbell Press', 'Standing barbell press'], 'Judgement: standing, the whole load goes through the spine and tends to arch the lower back: counted. Seated presses are not (see "Seated shoulder press").'),
  entry('Farmer\'s carry', S, ['Farmers walk'], 'Judgement: heavy loads at the sides compress the spine: counted. Not counted as core work: bracing is a side effect, not the aim.'),
  // Core (science.md §7.2 rule 10; SPEC §5 recommendations)
  entry('Plank', C, ['Front plank', 'Forearm plank', 'Elbow plank', 'Plank hold']),
  entry('Side plank', C, ['Side bridge']),
  entry('Bird dog', C, ['Quadruped arm and leg raise', 'Opposite arm and leg raise', 'Opposite Arm And Leg Balance']),
  entry('Dead bug', C, []),
  entry('Pelvic tilt', ['C', 'M'], ['Posterior pelvic tilt']),
  entry('Partial crunch', C, ['Half crunch']),
  entry('Crunch', C, ['Abdominal crunch', 'Sit-up'], 'Full crunches and sit-ups; counted as core work.'),
  entry('Wall sit', C, ['Wall squat', 'Body Weight Wall Squat', 'Wall Sit Hold'], 'Judgement: mainly a quadriceps isometric, but the SPEC §5 core-work recommendation lists it: counted as core.'),
  entry('Back extension', C, ['Back ext', 'Hyperextension', 'Back hyperextension', 'GHD back extension', 'Roman chair back extension', '45 degree back extension', 'Static Back Extension', 'Swiss Ball Back Extension'], 'Judgement: trunk-extensor endurance work (science.md §7.2 rule 10), counted as core; not counted as spinal loading even when weighted.'),
  entry('Pallof press', C, ['Pallof', 'Palloff press', 'Anti-rotation press']),
  entry('McGill curl-up', C, ['Curl-up']),
  entry('Hollow hold', C, ['Hollow body hold', 'Hollow rock', 'Hollow Hold And Roll']),
  entry('Ab wheel', C, ['Ab wheel rollout', 'Ab rollout', 'Rollout', 'Kneeling Ab Wheel', 'Barbell Rollout'], 'High trunk demand; counted as core.'),
  // Warm-up, cool-down, mobility
  entry('Cat-cow', ['W', 'D', 'M'], ['Cat camel', 'Cat cow stretch', 'Stretch Cat Cow']),
  entry('Hip flexor stretch', ['D', 'M'], ['Kneeling hip flexor stretch', 'Stretch Lunging Hip Flexor', 'Stretch Hip Flexor And Quad', 'Couch stretch']),
  entry('Hamstring stretch', ['D', 'M'], ['Stretch Hamstring', 'Standing Hamstring Stretch', 'Inverted Hamstring Stretch'], 'SPEC §5: recommend with caution for some back conditions.'),
  entry('Foam rolling', ['W', 'D', 'M'], ['Foam roll', 'Foam roller', 'Back Roll Foam Roller', 'Self-myofascial release', 'SMR']),
  entry('World\'s greatest stretch', ['W', 'M'], ['WGS']),
  entry('Leg swings', ['W', 'M'], ['Forward And Backward Leg Swings', 'Side To Side Leg Swings']),
  entry('Jumping jacks', ['W'], ['Star jumps']),
  entry('Easy jog', ['W', 'D'], ['Jog', 'Jogging', 'Light jog', 'Warm-up jog', 'Cool-down jog']),
  entry('Child\'s pose', ['D', 'M'], ['Stretch Childs Pose']),
  entry('Thoracic rotation', ['W', 'M'], ['Open book', 'Thoracic spine rotation']),
  entry('Knee-to-chest stretch', ['D', 'M'], ['Knee to chest', 'Stretch Lying Knee To Chest']),
  entry('Pigeon stretch', ['D', 'M'], ['Pigeon pose', 'Stretch Pigeon Pose']),
  entry('Arm circles', ['W'], []),
  // Common lifts that are known NOT to be spinal-loading
  entry('Bench press', NONE, ['Barbell bench press', 'Flat bench press', 'Flat bench']),
  entry('Dumbbell bench press', NONE, ['DB bench press', 'Dumbbell chest press']),
  entry('Lat pulldown', NONE, ['Pulldown', 'Wide Grip Lat Pulldown', 'Close Grip Lat Pulldown']),
  entry('Pull-up', NONE, ['Chin-up', 'Weighted pull-up', 'Neutral Grip Pull Up']),
  entry('Push-up', NONE, ['Press-up']),
  entry('Biceps curl', NONE, ['Barbell curl', 'Barbell Biceps Curl', 'EZ bar curl', 'Standing Ez Bar Biceps Curl']),
  entry('Dumbbell biceps curl', NONE, ['Dumbbell curl', 'Hammer curl', 'Standing Dumbbell Biceps Curl', 'Alternating Dumbbell Biceps Curl']),
  entry('Triceps extension', NONE, ['Skull crusher', 'Lying triceps extension', 'Overhead triceps extension', 'Triceps pushdown']),
  entry('Lunge', NONE, ['Walking lunge', 'Reverse lunge', 'Forward lunge', 'Dumbbell lunge', 'Walking Dumbbell Lunge'], 'Bodyweight or dumbbells: not counted (see "Barbell lunge").'),
  entry('Step-up', NONE, ['Box step-up', 'Dumbbell Step Up']),
  entry('Leg press', NONE, ['Sled leg press', '45 degree leg press'], 'Judgement: back supported and the load goes through the legs; not counted, although a very deep leg press rounds the lower back.'),
  entry('Leg extension', NONE, ['Quad extension', 'Knee extension machine']),
  entry('Leg curl', NONE, ['Hamstring curl', 'Lying leg curl', 'Seated leg curl']),
  entry('Hip thrust', NONE, ['Barbell hip thrust', 'Barbell Hip Thrust With Bench', 'Barbell Hip Thrust On Floor'], 'Judgement: upper back on a bench and the bar across the hips; little axial or shear load on the lumbar spine, not counted.'),
  entry('Glute bridge', NONE, ['Bridge', 'Hip Raise'], 'Hip-extensor work; not counted as spinal loading nor as core.'),
  entry('Seated cable row', NONE, ['Cable row', 'Seated row'], 'Judgement: the seat and feet carry the torso; not counted (unlike bent-over rows).'),
  entry('Dumbbell row', NONE, ['One-arm dumbbell row', 'Single arm dumbbell row', 'DB row'], 'One hand and knee braced on a bench: little lumbar load; not counted.'),
  entry('Seated shoulder press', NONE, ['Seated overhead press', 'Seated dumbbell shoulder press', 'Seated Barbell Shoulder Press'], 'Seated with back support: not counted (see "Overhead press").'),
  entry('Lateral raise', NONE, ['Side raise', 'Dumbbell lateral raise']),
  entry('Dip', NONE, ['Parallel bar dip']),
  entry('Face pull', NONE, ['Cable face pull']),
];
