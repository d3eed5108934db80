//! The client against the emulator.
