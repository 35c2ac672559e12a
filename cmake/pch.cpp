// Empty: chairside_pch only exists to build cmake/pch.h once.
