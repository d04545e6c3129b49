"""The Human Network's course toolkit: exercise models, validation, rendering and exports."""
