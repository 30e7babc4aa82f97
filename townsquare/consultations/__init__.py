"""征求意见: a unit consults residents on a draft, residents comment on it (whole or paragraph by paragraph),
staff moderate the comments and publish the 采纳情况 when it closes."""
