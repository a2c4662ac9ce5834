rtl/neuro_rule_lut.v
rtl/neuro_learner.v
