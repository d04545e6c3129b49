"""Exercise data: the one place that knows the YAML format (model), loads it and checks it."""

from hn.exercises.check import Problem, ProjectReport, check_project
from hn.exercises.load import ExerciseSet, load_exercises
from hn.exercises.model import Quiz, Worksheet

__all__ = ["ExerciseSet", "Problem", "ProjectReport", "Quiz", "Worksheet", "check_project", "load_exercises"]
