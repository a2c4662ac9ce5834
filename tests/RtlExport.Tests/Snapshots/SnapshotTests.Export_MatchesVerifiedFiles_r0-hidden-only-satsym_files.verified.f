rtl/tiny_rom.v
rtl/tiny_requantize.v
rtl/tiny_learner_core.v
rtl/tiny_learner.v
rtl/tiny_plasticity_unit.v
rtl/tiny_engine.v
