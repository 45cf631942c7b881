"""The amounts the 一部免除・学生 formulas add to a limit or take from an income (令5条の4, 6条の8の2〜6条の9の2,
6条の12第2項), and who may take the 135万円 route (法90条1項3号, 令6条の7の2). Pure functions of one person and
one rule set (`Params`); cases/exemption/screening/rules.py compares with them."""

from cases.exemption.screening.values import Params, PersonIncome


def dependant_deduction(person: PersonIncome, params: Params) -> int:
    """扶養親族等 amounts of 令6条の8の2・6条の9・6条の9の2: 38万 each (年少扶養親族 included: 所得税法's
    扶養親族 has no lower age), 48万 老人, 63万 特定扶養親族等 = 19–22 and 16–18 (令5条の4)."""
    return (
        params.dependant_general * (person.general + person.under16)
        + params.dependant_elderly * person.elderly
        + params.dependant_specified * (person.specified + person.aged16to18)
    )


def fixed_deductions(person: PersonIncome, params: Params) -> int:
    """令6条の12第2項2号: 27万 per 障害者 (40万 per 特別障害者) the 障害者控除 was taken for, whoever they
    are; 寡婦 27万; ひとり親 35万; 勤労学生 27万. 寡婦 and ひとり親 exclude each other in tax law, so
    data carrying both takes the larger amount only."""
    ordinary, special = person.disability_counts
    total = params.disabled * ordinary + params.special_disabled * special
    total += max(params.single_parent if person.single_parent else 0, params.widow if person.widow else 0)
    if person.working_student:
        total += params.working_student
    return total


def subtracted(person: PersonIncome, params: Params) -> int:
    """令6条の12第2項1号 (社会保険料控除額等) and 2号; 特定親族特別控除 only where the rule set has it
    (令和7年政令第355号)."""
    relative = person.specified_relative if params.specified_relative_deduction else 0
    return person.deductions + relative + fixed_deductions(person, params)


def has_alt_route_status(person: PersonIncome, params: Params) -> bool:
    """法90条1項3号 with 令6条の7の2: 障害者・寡婦・ひとり親 (ひとり親 from the 令和3年 rule set)."""
    single_parent = person.single_parent and params.single_parent_route
    return person.disabled or person.special_disabled or person.widow or single_parent
