"""The self-assessment quiz and classifier, built from the guide's own decision data."""
