import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The exercise catalogue for the session tagger (spinal-loading, core, warm-up, cool-down, mobility) with its seed,
 * and the table of logged names it did not know. Names are unique case-insensitively (unique index on lower(name)).
 * The seed is a frozen copy of DEFAULT_EXERCISE_CATALOGUE (libs/training-load/src/exercises/default-catalogue.ts)
 * and is idempotent: an entry whose name exists already is left as it is.
 */
export class ExerciseCatalogue1795243651877 implements MigrationInterface {
  name = 'ExerciseCatalogue1795243651877';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "exercise_catalogue" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "aliases" text array NOT NULL DEFAULT '{}', "spinal_loading" boolean NOT NULL DEFAULT false, "core" boolean NOT NULL DEFAULT false, "warm_up" boolean NOT NULL DEFAULT false, "cool_down" boolean NOT NULL DEFAULT false, "mobility" boolean NOT NULL DEFAULT false, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d62126ca09ed5845fa4761645f1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "unmatched_exercise_names" ("name_key" text NOT NULL, "name" text NOT NULL, "seen_count" integer NOT NULL DEFAULT '1', "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_68a3b7a44091cbdb9e273dd22df" PRIMARY KEY ("name_key"))`);
    await queryRunner.query(`CREATE INDEX "ix_unmatched_exercise_names_last_seen" ON "unmatched_exercise_names" ("last_seen_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_exercise_catalogue_name_lower" ON "exercise_catalogue" (lower("name"))`);
    await queryRunner.query(`INSERT INTO "exercise_catalogue" ("name", "aliases", "spinal_loading", "core", "warm_up", "cool_down", "mobility", "notes") VALUES
      ('Deadlift', ARRAY['Conventional deadlift', 'Barbell Deadlift', 'DL', 'Conventional DL', 'Wide Grip Barbell Deadlift'], true, false, false, false, false, NULL),
      ('Sumo deadlift', ARRAY['Sumo DL'], true, false, false, false, false, 'More upright torso than conventional, but still a heavy load held by the lumbar spine: counted.'),
      ('Romanian deadlift', ARRAY['RDL', 'Romanian DL', 'Barbell Romanian Deadlift', 'Barbell RDL'], true, false, false, false, false, NULL),
      ('Dumbbell Romanian deadlift', ARRAY['Dumbbell RDL', 'DB RDL'], true, false, false, false, false, 'Lighter than the barbell lift but the same loaded hip hinge: counted. Own entry because the load is per hand.'),
      ('Stiff-leg deadlift', ARRAY['Stiff-legged deadlift', 'Straight leg deadlift', 'Straight-legged deadlift', 'SLDL', 'Barbell Straight Leg Deadlift'], true, false, false, false, false, NULL),
      ('Trap-bar deadlift', ARRAY['Hex bar deadlift', 'Trap bar DL', 'Hex bar DL'], true, false, false, false, false, 'The load sits in line with the body (less lumbar moment than a straight bar), but the loads are heavy: counted.'),
      ('Deficit deadlift', ARRAY['Deficit DL'], true, false, false, false, false, NULL),
      ('Rack pull', ARRAY['Block pull', 'Rack deadlift'], true, false, false, false, false, 'Partial range, but loads often exceed the deadlift 1RM: counted.'),
      ('Single-leg Romanian deadlift', ARRAY['Single leg RDL', 'Single-leg deadlift', 'Single Leg Romanian Deadlift With Dumbbell'], false, false, false, false, false, 'Judgement: light dumbbell or kettlebell, load limited by balance; not counted as spinal loading.'),
      ('Back squat', ARRAY['Squat', 'Barbell Back Squat', 'Barbell squat', 'High bar squat', 'Low bar squat'], true, false, false, false, false, 'A bare "Squat" (also Garmin''s fallback when the subtype is unknown) counts as this.'),
      ('Front squat', ARRAY['Barbell Front Squat', 'Clean grip front squat'], true, false, false, false, false, NULL),
      ('Overhead squat', ARRAY['OHS', 'Overhead Barbell Squat'], true, false, false, false, false, NULL),
      ('Box squat', ARRAY['Barbell Box Squat'], true, false, false, false, false, NULL),
      ('Zercher squat', '{}'::text[], true, false, false, false, false, 'Bar held in the elbows: heavy anterior load with a high trunk demand: counted.'),
      ('Goblet squat', ARRAY['Kettlebell goblet squat', 'Dumbbell goblet squat', 'Kettlebell Squat', 'Wide Stance Goblet Squat'], false, false, false, false, false, 'Judgement: the load held at the chest is limited by the arms (typically 10–40 kg); not counted as spinal loading.'),
      ('Barbell split squat', ARRAY['Barbell Bulgarian Split Squat', 'Barbell Front Split Squat'], true, false, false, false, false, 'Judgement: a bar on the back loads the spine axially like a squat (at lower loads): counted.'),
      ('Split squat', ARRAY['Bulgarian split squat', 'Dumbbell split squat', 'Dumbbell Bulgarian Split Squat', 'Rear foot elevated split squat', 'RFESS'], false, false, false, false, false, 'Judgement: bodyweight or dumbbells in the hands; not counted (see "Barbell split squat").'),
      ('Barbell lunge', ARRAY['Barbell Reverse Lunge', 'Walking Barbell Lunge', 'Barbell walking lunge'], true, false, false, false, false, 'Judgement: a bar on the back, as for the barbell split squat: counted.'),
      ('Good morning', ARRAY['Barbell good morning', 'Seated Barbell Good Morning'], true, false, false, false, false, NULL),
      ('Barbell row', ARRAY['Bent-over row', 'Bent-over barbell row', 'Barbell bent-over row', 'BB row', 'Bent Over Row With Barbell'], true, false, false, false, false, 'The torso is held in a hip hinge under load: high isometric lumbar demand.'),
      ('Pendlay row', '{}'::text[], true, false, false, false, false, NULL),
      ('T-bar row', ARRAY['Landmine row'], true, false, false, false, false, 'Standing (landmine) version. A chest-supported T-bar row is not spinal-loading and should be its own entry.'),
      ('Power clean', ARRAY['Barbell Power Clean'], true, false, false, false, false, NULL),
      ('Hang clean', ARRAY['Hang power clean', 'Barbell Hang Power Clean', 'Hang squat clean', 'Barbell Hang Squat Clean'], true, false, false, false, false, NULL),
      ('Clean', ARRAY['Squat clean', 'Full clean', 'Barbell Squat Clean'], true, false, false, false, false, NULL),
      ('Clean and jerk', ARRAY['C&J', 'Squat Clean And Jerk'], true, false, false, false, false, NULL),
      ('Snatch', ARRAY['Barbell Snatch', 'Squat snatch', 'Full snatch'], true, false, false, false, false, NULL),
      ('Power snatch', ARRAY['Barbell Power Snatch'], true, false, false, false, false, NULL),
      ('Hang snatch', ARRAY['Hang power snatch', 'Barbell Hang Power Snatch'], true, false, false, false, false, NULL),
      ('Kettlebell swing', ARRAY['KB swing', 'Russian swing', 'American swing', 'Hip Swing', 'Single Arm Kettlebell Swing', 'One Arm Swing'], true, false, false, false, false, 'Ballistic loaded hip hinge; listed in SPEC §5.'),
      ('Rowing erg', ARRAY['Rowing machine', 'Indoor row', 'Indoor rowing', 'Rower', 'Erg', 'Ergometer', 'Concept2', 'Rowing'], true, false, false, false, false, 'Repeated loaded lumbar flexion at the catch; listed in science.md §7.2.'),
      ('Push press', ARRAY['Barbell Push Press'], true, false, false, false, false, 'Judgement: heavy overhead load with a dip and drive (axial load, lumbar extension): counted.'),
      ('Jerk', ARRAY['Split jerk', 'Push jerk', 'Power jerk', 'Barbell Split Jerk'], true, false, false, false, false, 'Judgement: the heaviest overhead loads, caught with a dip: counted.'),
      ('Overhead press', ARRAY['Standing overhead press', 'OHP', 'Military press', 'Strict press', 'Overhead Barbell Press', 'Standing barbell press'], true, false, false, false, false, 'Judgement: standing, the whole load goes through the spine and tends to arch the lower back: counted. Seated presses are not (see "Seated shoulder press").'),
      ('Farmer''s carry', ARRAY['Farmers walk'], true, false, false, false, false, 'Judgement: heavy loads at the sides compress the spine: counted. Not counted as core work: bracing is a side effect, not the aim.'),
      ('Plank', ARRAY['Front plank', 'Forearm plank', 'Elbow plank', 'Plank hold'], false, true, false, false, false, NULL),
      ('Side plank', ARRAY['Side bridge'], false, true, false, false, false, NULL),
      ('Bird dog', ARRAY['Quadruped arm and leg raise', 'Opposite arm and leg raise', 'Opposite Arm And Leg Balance'], false, true, false, false, false, NULL),
      ('Dead bug', '{}'::text[], false, true, false, false, false, NULL),
      ('Pelvic tilt', ARRAY['Posterior pelvic tilt'], false, true, false, false, true, NULL),
      ('Partial crunch', ARRAY['Half crunch'], false, true, false, false, false, NULL),
      ('Crunch', ARRAY['Abdominal crunch', 'Sit-up'], false, true, false, false, false, 'Full crunches and sit-ups; counted as core work.'),
      ('Wall sit', ARRAY['Wall squat', 'Body Weight Wall Squat', 'Wall Sit Hold'], false, true, false, false, false, 'Judgement: mainly a quadriceps isometric, but the SPEC §5 core-work recommendation lists it: counted as core.'),
      ('Back extension', ARRAY['Back ext', 'Hyperextension', 'Back hyperextension', 'GHD back extension', 'Roman chair back extension', '45 degree back extension', 'Static Back Extension', 'Swiss Ball Back Extension'], false, true, false, false, false, 'Judgement: trunk-extensor endurance work (science.md §7.2 rule 10), counted as core; not counted as spinal loading even when weighted.'),
      ('Pallof press', ARRAY['Pallof', 'Palloff press', 'Anti-rotation press'], false, true, false, false, false, NULL),
      ('McGill curl-up', ARRAY['Curl-up'], false, true, false, false, false, NULL),
      ('Hollow hold', ARRAY['Hollow body hold', 'Hollow rock', 'Hollow Hold And Roll'], false, true, false, false, false, NULL),
      ('Ab wheel', ARRAY['Ab wheel rollout', 'Ab rollout', 'Rollout', 'Kneeling Ab Wheel', 'Barbell Rollout'], false, true, false, false, false, 'High trunk demand; counted as core.'),
      ('Cat-cow', ARRAY['Cat camel', 'Cat cow stretch', 'Stretch Cat Cow'], false, false, true, true, true, NULL),
      ('Hip flexor stretch', ARRAY['Kneeling hip flexor stretch', 'Stretch Lunging Hip Flexor', 'Stretch Hip Flexor And Quad', 'Couch stretch'], false, false, false, true, true, NULL),
      ('Hamstring stretch', ARRAY['Stretch Hamstring', 'Standing Hamstring Stretch', 'Inverted Hamstring Stretch'], false, false, false, true, true, 'SPEC §5: recommend with caution for some back conditions.'),
      ('Foam rolling', ARRAY['Foam roll', 'Foam roller', 'Back Roll Foam Roller', 'Self-myofascial release', 'SMR'], false, false, true, true, true, NULL),
      ('World''s greatest stretch', ARRAY['WGS'], false, false, true, false, true, NULL),
      ('Leg swings', ARRAY['Forward And Backward Leg Swings', 'Side To Side Leg Swings'], false, false, true, false, true, NULL),
      ('Jumping jacks', ARRAY['Star jumps'], false, false, true, false, false, NULL),
      ('Easy jog', ARRAY['Jog', 'Jogging', 'Light jog', 'Warm-up jog', 'Cool-down jog'], false, false, true, true, false, NULL),
      ('Child''s pose', ARRAY['Stretch Childs Pose'], false, false, false, true, true, NULL),
      ('Thoracic rotation', ARRAY['Open book', 'Thoracic spine rotation'], false, false, true, false, true, NULL),
      ('Knee-to-chest stretch', ARRAY['Knee to chest', 'Stretch Lying Knee To Chest'], false, false, false, true, true, NULL),
      ('Pigeon stretch', ARRAY['Pigeon pose', 'Stretch Pigeon Pose'], false, false, false, true, true, NULL),
      ('Arm circles', '{}'::text[], false, false, true, false, false, NULL),
      ('Bench press', ARRAY['Barbell bench press', 'Flat bench press', 'Flat bench'], false, false, false, false, false, NULL),
      ('Dumbbell bench press', ARRAY['DB bench press', 'Dumbbell chest press'], false, false, false, false, false, NULL),
      ('Lat pulldown', ARRAY['Pulldown', 'Wide Grip Lat Pulldown', 'Close Grip Lat Pulldown'], false, false, false, false, false, NULL),
      ('Pull-up', ARRAY['Chin-up', 'Weighted pull-up', 'Neutral Grip Pull Up'], false, false, false, false, false, NULL),
      ('Push-up', ARRAY['Press-up'], false, false, false, false, false, NULL),
      ('Biceps curl', ARRAY['Barbell curl', 'Barbell Biceps Curl', 'EZ bar curl', 'Standing Ez Bar Biceps Curl'], false, false, false, false, false, NULL),
      ('Dumbbell biceps curl', ARRAY['Dumbbell curl', 'Hammer curl', 'Standing Dumbbell Biceps Curl', 'Alternating Dumbbell Biceps Curl'], false, false, false, false, false, NULL),
      ('Triceps extension', ARRAY['Skull crusher', 'Lying triceps extension', 'Overhead triceps extension', 'Triceps pushdown'], false, false, false, false, false, NULL),
      ('Lunge', ARRAY['Walking lunge', 'Reverse lunge', 'Forward lunge', 'Dumbbell lunge', 'Walking Dumbbell Lunge'], false, false, false, false, false, 'Bodyweight or dumbbells: not counted (see "Barbell lunge").'),
      ('Step-up', ARRAY['Box step-up', 'Dumbbell Step Up'], false, false, false, false, false, NULL),
      ('Leg press', ARRAY['Sled leg press', '45 degree leg press'], false, false, false, false, false, 'Judgement: back supported and the load goes through the legs; not counted, although a very deep leg press rounds the lower back.'),
      ('Leg extension', ARRAY['Quad extension', 'Knee extension machine'], false, false, false, false, false, NULL),
      ('Leg curl', ARRAY['Hamstring curl', 'Lying leg curl', 'Seated leg curl'], false, false, false, false, false, NULL),
      ('Hip thrust', ARRAY['Barbell hip thrust', 'Barbell Hip Thrust With Bench', 'Barbell Hip Thrust On Floor'], false, false, false, false, false, 'Judgement: upper back on a bench and the bar across the hips; little axial or shear load on the lumbar spine, not counted.'),
      ('Glute bridge', ARRAY['Bridge', 'Hip Raise'], false, false, false, false, false, 'Hip-extensor work; not counted as spinal loading nor as core.'),
      ('Seated cable row', ARRAY['Cable row', 'Seated row'], false, false, false, false, false, 'Judgement: the seat and feet carry the torso; not counted (unlike bent-over rows).'),
      ('Dumbbell row', ARRAY['One-arm dumbbell row', 'Single arm dumbbell row', 'DB row'], false, false, false, false, false, 'One hand and knee braced on a bench: little lumbar load; not counted.'),
      ('Seated shoulder press', ARRAY['Seated overhead press', 'Seated dumbbell shoulder press', 'Seated Barbell Shoulder Press'], false, false, false, false, false, 'Seated with back support: not counted (see "Overhead press").'),
      ('Lateral raise', ARRAY['Side raise', 'Dumbbell lateral raise'], false, false, false, false, false, NULL),
      ('Dip', ARRAY['Parallel bar dip'], false, false, false, false, false, NULL),
      ('Face pull', ARRAY['Cable face pull'], false, false, false, false, false, NULL)
      ON CONFLICT ((lower("name"))) DO NOTHING`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_exercise_catalogue_name_lower"`);
    await queryRunner.query(`DROP INDEX "public"."ix_unmatched_exercise_names_last_seen"`);
    await queryRunner.query(`DROP TABLE "unmatched_exercise_names"`);
    await queryRunner.query(`DROP TABLE "exercise_catalogue"`);
  }
}
