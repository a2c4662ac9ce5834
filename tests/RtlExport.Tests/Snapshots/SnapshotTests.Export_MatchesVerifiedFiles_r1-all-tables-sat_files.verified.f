rtl/neuro_rom.v
rtl/neuro_requantize.v
rtl/neuro_learner_core.v
rtl/neuro_learner.v
rtl/neuro_plasticity_unit.v
rtl/neuro_engine.v
