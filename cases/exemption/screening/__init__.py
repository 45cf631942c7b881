"""免除の所得基準 事前判定 (参考). Rules in `rules`, parameters in `params`, JSON in `payload`."""
