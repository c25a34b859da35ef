"""Made-up people for the journeys: valid resident ID numbers (GB 11643) that no one else holds."""

import random

from gongjian.rules.identifiers import id_check_char


def resident_id(birth_year: int) -> str:
	first17 = f"330182{birth_year}{random.randint(1, 12):02d}{random.randint(1, 28):02d}{random.randint(0, 999):03d}"
	return first17 + id_check_char(first17)
