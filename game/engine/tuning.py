"""Coefficients of the model's dynamics that are the same in every scenario.

Scenario files set starting positions, catalogues and doctrine; these numbers set how fast
the world moves. They were tuned with the simulator (docs/balance.md).
"""

# Controls and screening applied alone leak: different lists, loopholes, re-export routes.
UNILATERAL_EFFICACY = 0.6
# A coordination institution in force makes joint moves stronger and joining cheaper.
INSTITUTION_SYNERGY = 0.10
INSTITUTION_JOIN_DISCOUNT = 0.5
# Defiance from a joint move is spread over its members (divided by members ** this).
DEFIANCE_SHARING = 0.5
# Political capital lost while resolve is below this.
LOW_RESOLVE_PC = 40.0

# Economy
SCAR_FROM_COERCION = 0.15  # share of coercion losses that persist as lasting damage
INPUT_AMPLIFIER = 1.6  # a cut-off of critical inputs hurts more than lost sales
PLEDGE_ABSORB = 0.4  # share of a boycotted member's lost sales a full pledge absorbs
PLEDGE_COST = 0.15  # absorbing members' cost, per unit of absorbed loss, shared
TREASURY_CAP = 3.0  # treasury cap, in turns of budget income

# Firms drift back toward China unless aligned with government risk guidance.
EXPOSURE_CREEP = 0.06

# Politics
RESOLVE_DRIFT = 0.06
STRAIN_EROSION = 0.10  # resolve lost per point of strain above STRAIN_SAFE
STRAIN_SAFE = 45.0
STRAIN_CREEP = 0.7  # older industries lose ground every turn
PAIN_TO_RESOLVE = 5.0  # resolve lost per percent of output lost this turn
SUPPORTED_PAIN = 0.65  # share of that pain felt when the pledge stands behind the target
BACKLASH_RALLY = 0.05  # resolve gained per point of China's backlash
COHESION_FATIGUE = 1.2  # cohesion lost per turn without upkeep
FREE_RIDE_COHESION = 4.0  # cohesion lost per percent of output gained filling the void
ACCOMMODATION_COHESION = 8.0

# China
CAPACITY_FROM_TECH = 0.5
CAPACITY_FROM_DIGITAL = 0.35
BACKLASH_DECAY = 0.12
ESCALATION_COOLING = 0.35  # escalation shed in a turn with no coercion
FUSION_TECH = 0.01  # China's tech growth per turn per point of fusion
CONCESSION_SUPPORT = 0.45  # how much the pledge cuts the chance a target concedes
