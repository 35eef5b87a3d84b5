"""Coefficients of the model's dynamics that are the same in every scenario.

Scenario files set starting positions, catalogues and doctrine; these numbers set how fast
the world moves. They were tuned with the simulator (docs/balance.md).
"""

from typing import Final

# Controls and screening applied alone leak: different lists, loopholes, re-export routes.
UNILATERAL_EFFICACY: Final = 0.6
# A coordination institution in force makes joint moves stronger and joining cheaper.
INSTITUTION_SYNERGY: Final = 0.10
INSTITUTION_JOIN_DISCOUNT: Final = 0.5
# Defiance from a joint move is spread over its members (divided by members ** this).
DEFIANCE_SHARING: Final = 0.5
# Political capital lost while resolve is below this.
LOW_RESOLVE_PC: Final = 40.0

# Economy
SCAR_FROM_COERCION: Final = 0.15  # share of coercion losses that persist as lasting damage
INPUT_AMPLIFIER: Final = 1.6  # a cut-off of critical inputs hurts more than lost sales
PLEDGE_ABSORB: Final = 0.4  # share of a boycotted member's lost sales a full pledge absorbs
PLEDGE_COST: Final = 0.15  # absorbing members' cost, per unit of absorbed loss, shared
TREASURY_CAP: Final = 3.0  # treasury cap, in turns of budget income

# Firms drift back toward China unless aligned with government risk guidance.
EXPOSURE_CREEP: Final = 0.06

# Politics
RESOLVE_DRIFT: Final = 0.06
STRAIN_EROSION: Final = 0.10  # resolve lost per point of strain above STRAIN_SAFE
STRAIN_SAFE: Final = 45.0
STRAIN_CREEP: Final = 0.7  # older industries lose ground every turn
PAIN_TO_RESOLVE: Final = 5.0  # resolve lost per percent of output lost this turn
SUPPORTED_PAIN: Final = 0.65  # share of that pain felt when the pledge stands behind the target
BACKLASH_RALLY: Final = 0.05  # resolve gained per point of China's backlash
COHESION_FATIGUE: Final = 1.2  # cohesion lost per turn without upkeep
FREE_RIDE_COHESION: Final = 4.0  # cohesion lost per percent of output gained filling the void
ACCOMMODATION_COHESION: Final = 8.0

# China
CAPACITY_FROM_TECH: Final = 0.5
CAPACITY_FROM_DIGITAL: Final = 0.35
BACKLASH_DECAY: Final = 0.12
ESCALATION_COOLING: Final = 0.35  # escalation shed in a turn with no coercion
FUSION_TECH: Final = 0.01  # China's tech growth per turn per point of fusion
CONCESSION_SUPPORT: Final = 0.45  # how much the pledge cuts the chance a target concedes
