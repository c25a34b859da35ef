__version__ = "0.1.0"

from gongjian.utils import frappe_fixes

frappe_fixes.apply()
