"""One module per agreement level; :func:`qualcode.analysis.agreement.compute_agreement`
dispatches to them."""
