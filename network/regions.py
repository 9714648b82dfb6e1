"""Romania's eight development regions, by the plate codes of their counties (Law 315/2004)."""

from django.utils.translation import gettext_lazy as _

REGIONS = {
    "NV": (_("North-West"), ("BH", "BN", "CJ", "MM", "SM", "SJ")),
    "C": (_("Centre"), ("AB", "BV", "CV", "HR", "MS", "SB")),
    "NE": (_("North-East"), ("BC", "BT", "IS", "NT", "SV", "VS")),
    "SE": (_("South-East"), ("BR", "BZ", "CT", "GL", "TL", "VN")),
    "SM": (_("South-Muntenia"), ("AG", "CL", "DB", "GR", "IL", "PH", "TR")),
    "BI": (_("Bucharest-Ilfov"), ("B", "IF")),
    "SV": (_("South-West Oltenia"), ("DJ", "GJ", "MH", "OT", "VL")),
    "V": (_("West"), ("AR", "CS", "HD", "TM")),
}

REGION_CHOICES = [(code, name) for code, (name, _counties) in REGIONS.items()]


def region_of_county(county_code):
    """The code of the development region of a county, or "" for an unknown code."""
    for code, (_name, counties) in REGIONS.items():
        if county_code in counties:
            return code
    return ""
