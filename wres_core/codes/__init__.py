"""Code tables: what each spelling in the user's files means.

- ``text``: matching keys, yes/no answers, and the classify-each-distinct-value-once machinery.
- ``ethnicity``: ethnic category, broad group and WRES group.
- ``bands``: Agenda for Change bands, VSM and the medical rows (``tables/medical_grades.csv``).
- ``staff_groups``: ESR staff groups and the clinical / non-clinical split.

Every classifier takes a pandas Series and returns ``category`` columns on the same index,
with the count of each raw value it could not place, so the loader can say which values to
map and how often they occur.
"""
